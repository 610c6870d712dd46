/**
 * Bulk reflection: six catalog queries whatever the number of tables, assembled in memory.
 * The database is the schema: the connection's database reflects with schema null.
 */
import type { Connection, IntrospectOptions } from "../dialect.js";
import type { CheckSnapshot, ColumnSnapshot, SchemaSnapshot, TableSnapshot } from "../../snapshot/types.js";
import { readCatalog, serverInfo } from "./catalog.js";
import type { CheckRow, ColumnRow, ForeignKeyRow, IndexRow } from "./catalog.js";
import { reflectDefault, stripOuterParens } from "./defaults.js";
import type { ServerFlavor } from "./defaults.js";
import { reflectForeignKeys, reflectKeys } from "./reflect-keys.js";
import { parseColumnType } from "./types.js";

function key(schema: string, table: string): string {
  return `${schema}\u0000${table}`;
}

function groupBy<R extends { table_schema: string; table_name: string }>(rows: readonly R[]): Map<string, R[]> {
  const out = new Map<string, R[]>();
  for (const row of rows) {
    const k = key(row.table_schema, row.table_name);
    const list = out.get(k);
    if (list) list.push(row);
    else out.set(k, [row]);
  }
  return out;
}

function byName<T extends { readonly name: string | null }>(list: T[]): T[] {
  return list.sort((a, b) => ((a.name ?? "") < (b.name ?? "") ? -1 : (a.name ?? "") > (b.name ?? "") ? 1 : 0));
}

/** MariaDB's JSON is LONGTEXT plus an automatic CHECK (json_valid(`col`)): returns those columns. */
function jsonColumns(columns: readonly ColumnRow[], checks: readonly CheckRow[]): Set<string> {
  const longtext = new Set(columns.filter((c) => c.column_type.toLowerCase() === "longtext").map((c) => c.column_name));
  const out = new Set<string>();
  for (const check of checks) {
    const m = /^json_valid\(`((?:[^`]|``)+)`\)$/i.exec(check.check_clause.trim());
    const column = m ? m[1]!.replace(/``/g, "`") : null;
    if (column !== null && longtext.has(column)) out.add(column);
  }
  return out;
}

function isJsonCheck(check: CheckRow, json: ReadonlySet<string>): boolean {
  const m = /^json_valid\(`((?:[^`]|``)+)`\)$/i.exec(check.check_clause.trim());
  return m !== null && json.has(m[1]!.replace(/``/g, "`"));
}

function reflectColumn(row: ColumnRow, json: ReadonlySet<string>, flavor: ServerFlavor): ColumnSnapshot {
  const type = json.has(row.column_name) ? { kind: "json" as const } : parseColumnType(row.column_type);
  const extra = row.extra ?? "";
  return {
    name: row.column_name,
    type,
    nullable: row.is_nullable.toUpperCase() === "YES",
    default: reflectDefault({ columnDefault: row.column_default, extra }, type, flavor),
    autoincrement: /auto_increment/i.test(extra),
    comment: row.column_comment ? row.column_comment : null,
  };
}

interface TableRows {
  readonly columns: readonly ColumnRow[];
  readonly indexes: readonly IndexRow[];
  readonly foreignKeys: readonly ForeignKeyRow[];
  readonly checks: readonly CheckRow[];
}

function reflectTable(
  schema: string | null, name: string, comment: string | null, rows: TableRows,
  currentDatabase: string | null, flavor: ServerFlavor,
): TableSnapshot {
  const json = jsonColumns(rows.columns, rows.checks);
  const foreignKeys = reflectForeignKeys(rows.foreignKeys, currentDatabase);
  const keys = reflectKeys(rows.indexes, foreignKeys);
  const checks: CheckSnapshot[] = rows.checks
    .filter((c) => !isJsonCheck(c, json))
    .map((c) => ({ name: c.constraint_name, expression: stripOuterParens(c.check_clause) }));
  return {
    schema,
    name,
    columns: [...rows.columns]
      .sort((a, b) => Number(a.ordinal_position) - Number(b.ordinal_position))
      .map((c) => reflectColumn(c, json, flavor)),
    primaryKey: keys.primaryKey,
    foreignKeys: byName(foreignKeys),
    uniques: byName(keys.uniques),
    indexes: byName(keys.indexes),
    checks: byName(checks),
    comment: comment ? comment : null,
  };
}

export async function introspect(conn: Connection, options: IntrospectOptions = {}): Promise<SchemaSnapshot> {
  const info = await serverInfo(conn);
  const schemas = [...new Set((options.schemas ?? [null]).map((s) => s ?? info.database))]
    .filter((s): s is string => s !== null);
  if (schemas.length === 0) return { tables: [], enums: [] };
  const rows = await readCatalog(conn, schemas, info.flavor);
  const columns = groupBy(rows.columns);
  const indexes = groupBy(rows.indexes);
  const foreignKeys = groupBy(rows.foreignKeys);
  const checks = groupBy(rows.checks);
  const tables: TableSnapshot[] = [];
  for (const t of rows.tables) {
    const schema = t.table_schema === info.database ? null : t.table_schema;
    if (options.excludeTable?.(schema, t.table_name)) continue;
    const k = key(t.table_schema, t.table_name);
    tables.push(reflectTable(schema, t.table_name, t.table_comment, {
      columns: columns.get(k) ?? [],
      indexes: indexes.get(k) ?? [],
      foreignKeys: foreignKeys.get(k) ?? [],
      checks: checks.get(k) ?? [],
    }, info.database, info.flavor));
  }
  tables.sort((a, b) => {
    const ka = `${a.schema ?? ""}\u0000${a.name}`;
    const kb = `${b.schema ?? ""}\u0000${b.name}`;
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
  return { tables, enums: [] };
}
