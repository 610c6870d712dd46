/**
 * Sequences, views and types a downgrade to base left behind, in every schema but the
 * system's. A serial's or identity's sequence and a table's row type belong to their table;
 * extension objects belong to their extension; neither is listed.
 */
import type { Connection, LeftoverObject } from "../dialect.js";

const USER_SCHEMA = `n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'`;

const OWNED = (catalog: string, oid: string, kinds: string) => `EXISTS (
  SELECT 1 FROM pg_catalog.pg_depend d
  WHERE d.classid = '${catalog}'::regclass AND d.objid = ${oid} AND d.deptype IN (${kinds}))`;

const LEFTOVERS_SQL = `
SELECT CASE c.relkind WHEN 'S' THEN 'sequence' WHEN 'v' THEN 'view' ELSE 'materialized view' END AS kind,
  NULLIF(n.nspname, current_schema()) AS schema, c.relname AS name
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('S', 'v', 'm') AND ${USER_SCHEMA}
  AND NOT ${OWNED("pg_catalog.pg_class", "c.oid", "'a', 'i', 'e'")}
UNION ALL
SELECT CASE t.typtype WHEN 'e' THEN 'enum type' WHEN 'd' THEN 'domain' WHEN 'r' THEN 'range type' ELSE 'type' END,
  NULLIF(n.nspname, current_schema()), t.typname
FROM pg_catalog.pg_type t
JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
WHERE ${USER_SCHEMA}
  AND (t.typtype IN ('e', 'd', 'r')
    OR (t.typtype = 'c' AND EXISTS (SELECT 1 FROM pg_catalog.pg_class r WHERE r.oid = t.typrelid AND r.relkind = 'c')))
  AND NOT ${OWNED("pg_catalog.pg_type", "t.oid", "'i', 'e'")}
ORDER BY 2 NULLS FIRST, 3, 1`;

export async function listLeftovers(conn: Connection): Promise<LeftoverObject[]> {
  const rows = await conn.query<{ kind: string; schema: string | null; name: string }>(LEFTOVERS_SQL);
  return rows.map((r) => ({ kind: r.kind, schema: r.schema, name: r.name }));
}
