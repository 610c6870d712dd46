/**
 * The catalog queries behind introspection: one per object kind, each covering every table of
 * the requested schemas ($1, a text[]), so the query count never depends on the table count.
 * Comments come from joins on pg_description rather than obj_description()/col_description(),
 * and sequence ownership from a join rather than a correlated EXISTS: per-row lookups made the
 * planner's estimate pass jit_above_cost at a few hundred tables, and compiling the query then
 * took longer than running it (with the joins, 10,000 columns read in a third of the time).
 */

/**
 * The tables we manage: ordinary and partitioned tables, not partitions (they follow their
 * parent), not tables that belong to an extension. Views, sequences, foreign tables and
 * materialized views have other relkinds and never match.
 */
const MANAGED_TABLES = `
  SELECT c.oid, n.nspname, c.relname
  FROM pg_catalog.pg_class c
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'p')
    AND NOT c.relispartition
    AND n.nspname = ANY ($1::text[])
    AND NOT EXISTS (
      SELECT 1 FROM pg_catalog.pg_depend d
      WHERE d.classid = 'pg_catalog.pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')`;

export interface TableRow {
  readonly oid: number;
  readonly schema: string;
  readonly name: string;
  readonly comment: string | null;
}

export const TABLES_SQL = `
WITH t AS (${MANAGED_TABLES})
SELECT t.oid, t.nspname AS schema, t.relname AS name, ds.description AS comment
FROM t
LEFT JOIN pg_catalog.pg_description ds
  ON ds.objoid = t.oid AND ds.classoid = 'pg_catalog.pg_class'::regclass AND ds.objsubid = 0`;

export interface ColumnRow {
  readonly table_oid: number;
  readonly name: string;
  readonly type: string;
  readonly type_oid: number;
  readonly not_null: boolean;
  /** 'a' (ALWAYS), 'd' (BY DEFAULT) or '' */
  readonly identity: string;
  /** 's' for a stored generated column, else '' */
  readonly generated: string;
  readonly default: string | null;
  readonly comment: string | null;
  /** The column owns a sequence (SERIAL, or OWNED BY). */
  readonly owns_sequence: boolean;
}

export const COLUMNS_SQL = `
WITH t AS (${MANAGED_TABLES})
SELECT a.attrelid AS table_oid, a.attname AS name,
  pg_catalog.format_type(a.atttypid, a.atttypmod) AS type, a.atttypid AS type_oid,
  a.attnotnull AS not_null, a.attidentity::text AS identity, a.attgenerated::text AS generated,
  pg_catalog.pg_get_expr(ad.adbin, ad.adrelid, true) AS default,
  ds.description AS comment,
  owned.refobjid IS NOT NULL AS owns_sequence
FROM pg_catalog.pg_attribute a
JOIN t ON t.oid = a.attrelid
LEFT JOIN pg_catalog.pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
LEFT JOIN pg_catalog.pg_description ds
  ON ds.objoid = a.attrelid AND ds.classoid = 'pg_catalog.pg_class'::regclass AND ds.objsubid = a.attnum
LEFT JOIN (
  SELECT DISTINCT d.refobjid, d.refobjsubid
  FROM pg_catalog.pg_depend d
  JOIN pg_catalog.pg_class s ON s.oid = d.objid AND s.relkind = 'S'
  WHERE d.classid = 'pg_catalog.pg_class'::regclass AND d.refclassid = 'pg_catalog.pg_class'::regclass
    AND d.deptype = 'a'
) owned ON owned.refobjid = a.attrelid AND owned.refobjsubid = a.attnum
WHERE a.attnum > 0 AND NOT a.attisdropped
ORDER BY a.attrelid, a.attnum`;

export interface ConstraintRow {
  readonly table_oid: number;
  readonly name: string;
  /** p, u, f or c */
  readonly type: string;
  readonly columns: string[];
  readonly ref_schema: string | null;
  readonly ref_table: string | null;
  readonly ref_columns: string[];
  readonly on_delete: string;
  readonly on_update: string;
  /** CHECK constraints only (the others never need it, and deparsing each costs). */
  readonly definition: string | null;
}

/** conparentid = 0: the copies PostgreSQL makes for each partition of a referenced table are not ours. */
export const CONSTRAINTS_SQL = `
WITH t AS (${MANAGED_TABLES})
SELECT co.conrelid AS table_oid, co.conname AS name, co.contype::text AS type,
  ARRAY(
    SELECT a.attname::text FROM unnest(co.conkey) WITH ORDINALITY AS k(attnum, ord)
    JOIN pg_catalog.pg_attribute a ON a.attrelid = co.conrelid AND a.attnum = k.attnum
    ORDER BY k.ord) AS columns,
  rn.nspname AS ref_schema, rc.relname AS ref_table,
  ARRAY(
    SELECT a.attname::text FROM unnest(co.confkey) WITH ORDINALITY AS k(attnum, ord)
    JOIN pg_catalog.pg_attribute a ON a.attrelid = co.confrelid AND a.attnum = k.attnum
    ORDER BY k.ord) AS ref_columns,
  co.confdeltype::text AS on_delete, co.confupdtype::text AS on_update,
  CASE WHEN co.contype = 'c' THEN pg_catalog.pg_get_constraintdef(co.oid, true) END AS definition
FROM pg_catalog.pg_constraint co
JOIN t ON t.oid = co.conrelid
LEFT JOIN pg_catalog.pg_class rc ON rc.oid = co.confrelid
LEFT JOIN pg_catalog.pg_namespace rn ON rn.oid = rc.relnamespace
WHERE co.contype IN ('p', 'u', 'f', 'c') AND co.conparentid = 0`;

export interface IndexRow {
  readonly table_oid: number;
  readonly name: string;
  readonly unique: boolean;
  /** Key columns in order: a column name, or the expression when the column is an expression. */
  readonly keys: { column: string | null; expression: string | null }[];
  readonly predicate: string | null;
  /** The access method: btree, hash, gin, gist, brin… */
  readonly method: string;
}

/** Indexes that back a primary key, unique or exclusion constraint belong to the constraint. */
export const INDEXES_SQL = `
WITH t AS (${MANAGED_TABLES})
SELECT i.indrelid AS table_oid, ic.relname AS name, i.indisunique AS unique,
  (SELECT json_agg(json_build_object(
      'column', a.attname,
      'expression', CASE WHEN k.attnum = 0 THEN pg_catalog.pg_get_indexdef(i.indexrelid, k.ord::int, true) END)
    ORDER BY k.ord)
   FROM unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
   LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum AND k.attnum <> 0
   WHERE k.ord <= i.indnkeyatts) AS keys,
  pg_catalog.pg_get_expr(i.indpred, i.indrelid, true) AS predicate,
  am.amname AS method
FROM pg_catalog.pg_index i
JOIN t ON t.oid = i.indrelid
JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
JOIN pg_catalog.pg_am am ON am.oid = ic.relam
WHERE NOT EXISTS (
  SELECT 1 FROM pg_catalog.pg_constraint co
  WHERE co.conindid = i.indexrelid AND co.contype IN ('p', 'u', 'x'))`;

export interface EnumRow {
  readonly oid: number;
  readonly schema: string;
  readonly name: string;
  readonly values: string[];
  readonly extension: boolean;
}

/** Every enum of the database: columns may use an enum of a schema that is not reflected. */
export const ENUMS_SQL = `
SELECT ty.oid, n.nspname AS schema, ty.typname AS name,
  array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS values,
  EXISTS (
    SELECT 1 FROM pg_catalog.pg_depend d
    WHERE d.classid = 'pg_catalog.pg_type'::regclass AND d.objid = ty.oid AND d.deptype = 'e') AS extension
FROM pg_catalog.pg_type ty
JOIN pg_catalog.pg_namespace n ON n.oid = ty.typnamespace
JOIN pg_catalog.pg_enum e ON e.enumtypid = ty.oid
GROUP BY ty.oid, n.nspname, ty.typname`;
