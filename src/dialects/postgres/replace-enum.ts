/**
 * replaceEnum: PostgreSQL can add a value to an enum in place but never remove or reorder
 * one. The type is renamed aside, created anew, every column using it is converted through
 * text (defaults moved across), and the old type dropped. The columns are found in the
 * catalog when the statement runs, so offline scripts convert them too. A row holding a value
 * that no longer exists makes the conversion fail with the server's own message.
 */
import type { OpOf } from "../../operations/types.js";
import { qualify, quoteIdentifier } from "./identifiers.js";
import { literal } from "./literal.js";

const MAX_IDENTIFIER = 63;

export function replaceEnum(op: OpOf<"replaceEnum">): string[] {
  const { schema, name, values } = op.enum;
  const asideName = `${name.slice(0, MAX_IDENTIFIER - "__athanor_old".length)}__athanor_old`;
  const target = qualify(schema, name);
  const aside = qualify(schema, asideName);
  // format() treats % specially; the type's name is spliced in as text.
  const typeText = target.replace(/%/g, "%%");
  return [
    `ALTER TYPE ${target} RENAME TO ${quoteIdentifier(asideName)}`,
    `CREATE TYPE ${target} AS ENUM (${values.map(literal).join(", ")})`,
    `DO $athanor$
DECLARE r record;
BEGIN
  FOR r IN
    SELECT n.nspname AS sch, c.relname AS tab, a.attname AS col, pg_catalog.pg_get_expr(d.adbin, d.adrelid) AS def
    FROM pg_catalog.pg_attribute a
    JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
    WHERE a.atttypid = ${literal(aside)}::regtype AND a.attnum > 0 AND NOT a.attisdropped
      AND c.relkind IN ('r', 'p') AND NOT c.relispartition
  LOOP
    IF r.def IS NOT NULL THEN
      EXECUTE format('ALTER TABLE %I.%I ALTER COLUMN %I DROP DEFAULT', r.sch, r.tab, r.col);
    END IF;
    EXECUTE format(${literal(`ALTER TABLE %I.%I ALTER COLUMN %I TYPE ${typeText} USING %I::text::${typeText}`)}, r.sch, r.tab, r.col, r.col);
    IF r.def IS NOT NULL THEN
      EXECUTE format('ALTER TABLE %I.%I ALTER COLUMN %I SET DEFAULT %s', r.sch, r.tab, r.col,
        replace(r.def, '::' || ${literal(aside)}::regtype::text, '::' || ${literal(target)}));
    END IF;
  END LOOP;
END
$athanor$`,
    `DROP TYPE ${aside}`,
  ];
}
