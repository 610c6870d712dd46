/**
 * The catalog queries of reflection: one per object kind for every reflected database at once,
 * so their number never depends on the number of tables.
 */
import type { Connection } from "../dialect.js";
import type { ServerFlavor } from "./defaults.js";

export interface ServerInfo {
  readonly database: string | null;
  readonly flavor: ServerFlavor;
}

export interface TableRow { table_schema: string; table_name: string; table_comment: string | null }
export interface ColumnRow {
  table_schema: string; table_name: string; column_name: string; ordinal_position: number | string;
  column_type: string; is_nullable: string; column_default: string | null; extra: string | null;
  column_comment: string | null;
}
export interface IndexRow {
  table_schema: string; table_name: string; index_name: string; non_unique: number | string;
  seq_in_index: number | string; column_name: string | null; sub_part: number | string | null;
  expression: string | null;
  /** BTREE, HASH, FULLTEXT or SPATIAL */
  index_type: string;
}
export interface ForeignKeyRow {
  table_schema: string; table_name: string; constraint_name: string; column_name: string;
  ordinal_position: number | string; referenced_table_schema: string; referenced_table_name: string;
  referenced_column_name: string; update_rule: string; delete_rule: string;
}
export interface CheckRow { table_schema: string; table_name: string; constraint_name: string; check_clause: string }

export interface CatalogRows {
  readonly tables: TableRow[];
  readonly columns: ColumnRow[];
  readonly indexes: IndexRow[];
  readonly foreignKeys: ForeignKeyRow[];
  readonly checks: CheckRow[];
}

export async function serverInfo(conn: Connection): Promise<ServerInfo> {
  const [row] = await conn.query<{ db: string | null; version: string }>("SELECT DATABASE() AS db, VERSION() AS version");
  return { database: row?.db ?? null, flavor: /mariadb/i.test(row?.version ?? "") ? "mariadb" : "mysql" };
}

export async function readCatalog(conn: Connection, schemas: readonly string[], flavor: ServerFlavor): Promise<CatalogRows> {
  const inList = `(${schemas.map(() => "?").join(", ")})`;
  const tables = await conn.query<TableRow>(
    `SELECT TABLE_SCHEMA AS table_schema, TABLE_NAME AS table_name, TABLE_COMMENT AS table_comment
       FROM information_schema.TABLES
      WHERE TABLE_TYPE = 'BASE TABLE' AND TABLE_SCHEMA IN ${inList}`, schemas);
  const columns = await conn.query<ColumnRow>(
    `SELECT TABLE_SCHEMA AS table_schema, TABLE_NAME AS table_name, COLUMN_NAME AS column_name,
            ORDINAL_POSITION AS ordinal_position, COLUMN_TYPE AS column_type, IS_NULLABLE AS is_nullable,
            COLUMN_DEFAULT AS column_default, EXTRA AS extra, COLUMN_COMMENT AS column_comment
       FROM information_schema.COLUMNS
      WHERE TABLE_SCHEMA IN ${inList}
      ORDER BY TABLE_SCHEMA, TABLE_NAME, ORDINAL_POSITION`, schemas);
  // Only MySQL 8 has functional key parts (STATISTICS.EXPRESSION).
  const expression = flavor === "mysql" ? "EXPRESSION" : "NULL";
  const indexes = await conn.query<IndexRow>(
    `SELECT TABLE_SCHEMA AS table_schema, TABLE_NAME AS table_name, INDEX_NAME AS index_name,
            NON_UNIQUE AS non_unique, SEQ_IN_INDEX AS seq_in_index, COLUMN_NAME AS column_name,
            SUB_PART AS sub_part, ${expression} AS expression, INDEX_TYPE AS index_type
       FROM information_schema.STATISTICS
      WHERE TABLE_SCHEMA IN ${inList}
      ORDER BY TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX`, schemas);
  // REFERENTIAL_CONSTRAINTS is read in a derived table of its own, schemas filtered inside:
  // joined directly, the server scans it for every database through a join buffer (half a
  // second at 1,000 foreign keys). The LIMIT keeps the server from merging it back in.
  const foreignKeys = await conn.query<ForeignKeyRow>(
    `SELECT k.TABLE_SCHEMA AS table_schema, k.TABLE_NAME AS table_name, k.CONSTRAINT_NAME AS constraint_name,
            k.COLUMN_NAME AS column_name, k.ORDINAL_POSITION AS ordinal_position,
            k.REFERENCED_TABLE_SCHEMA AS referenced_table_schema, k.REFERENCED_TABLE_NAME AS referenced_table_name,
            k.REFERENCED_COLUMN_NAME AS referenced_column_name, r.UPDATE_RULE AS update_rule, r.DELETE_RULE AS delete_rule
       FROM information_schema.KEY_COLUMN_USAGE k
       JOIN (
         SELECT CONSTRAINT_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, UPDATE_RULE, DELETE_RULE
           FROM information_schema.REFERENTIAL_CONSTRAINTS
          WHERE CONSTRAINT_SCHEMA IN ${inList}
          LIMIT 18446744073709551615) r
         ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND r.TABLE_NAME = k.TABLE_NAME
        AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME
      WHERE k.TABLE_SCHEMA IN ${inList} AND k.REFERENCED_TABLE_NAME IS NOT NULL
      ORDER BY k.TABLE_SCHEMA, k.TABLE_NAME, k.CONSTRAINT_NAME, k.ORDINAL_POSITION`, [...schemas, ...schemas]);
  // MariaDB names checks per table and lists the table; MySQL 8 names them per schema and
  // only TABLE_CONSTRAINTS knows their table.
  const checks = flavor === "mariadb"
    ? await conn.query<CheckRow>(
      `SELECT CONSTRAINT_SCHEMA AS table_schema, TABLE_NAME AS table_name, CONSTRAINT_NAME AS constraint_name,
              CHECK_CLAUSE AS check_clause
         FROM information_schema.CHECK_CONSTRAINTS
        WHERE CONSTRAINT_SCHEMA IN ${inList}`, schemas)
    : await conn.query<CheckRow>(
      `SELECT tc.TABLE_SCHEMA AS table_schema, tc.TABLE_NAME AS table_name, tc.CONSTRAINT_NAME AS constraint_name,
              cc.CHECK_CLAUSE AS check_clause
         FROM information_schema.TABLE_CONSTRAINTS tc
         JOIN information_schema.CHECK_CONSTRAINTS cc
           ON cc.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA AND cc.CONSTRAINT_NAME = tc.CONSTRAINT_NAME
        WHERE tc.CONSTRAINT_TYPE = 'CHECK' AND tc.TABLE_SCHEMA IN ${inList}`, schemas);
  return { tables, columns, indexes, foreignKeys, checks };
}
