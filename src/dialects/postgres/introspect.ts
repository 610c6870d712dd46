/**
 * Bulk reflection: five catalog queries (tables, columns, constraints, indexes, enums) whatever
 * the number of tables, assembled into a SchemaSnapshot.
 */
import type { Connection, IntrospectOptions } from "../dialect.js";
import type {
  CheckSnapshot, ColumnSnapshot, ColumnType, EnumSnapshot, ForeignKeySnapshot, IndexSnapshot,
  PrimaryKeySnapshot, ReferentialAction, SchemaSnapshot, TableSnapshot, UniqueSnapshot,
} from "../../snapshot/types.js";
import {
  COLUMNS_SQL, CONSTRAINTS_SQL, ENUMS_SQL, INDEXES_SQL, TABLES_SQL,
  type ColumnRow, type ConstraintRow, type EnumRow, type IndexRow, type TableRow,
} from "./catalog.js";
import { parsePgType } from "./column-types.js";
import { normalizeExpression } from "./normalize.js";

export const DEFAULT_SCHEMA = "public";

const ACTIONS: Record<string, ReferentialAction | null> = {
  a: null, r: "RESTRICT", c: "CASCADE", n: "SET NULL", d: "SET DEFAULT",
};

interface TableParts {
  readonly row: TableRow;
  readonly columns: ColumnSnapshot[];
  primaryKey: PrimaryKeySnapshot | null;
  readonly foreignKeys: ForeignKeySnapshot[];
  readonly uniques: UniqueSnapshot[];
  readonly indexes: IndexSnapshot[];
  readonly checks: CheckSnapshot[];
}

export async function introspect(conn: Connection, options: IntrospectOptions = {}): Promise<SchemaSnapshot> {
  const schemas = [...new Set((options.schemas ?? [null]).map((s) => s ?? DEFAULT_SCHEMA))];
  const tableRows = await conn.query<TableRow>(TABLES_SQL, [schemas]);
  const columnRows = await conn.query<ColumnRow>(COLUMNS_SQL, [schemas]);
  const constraintRows = await conn.query<ConstraintRow>(CONSTRAINTS_SQL, [schemas]);
  const indexRows = await conn.query<IndexRow>(INDEXES_SQL, [schemas]);
  const enumRows = await conn.query<EnumRow>(ENUMS_SQL);

  const enumsByOid = new Map(enumRows.map((e) => [String(e.oid), e]));
  const exclude = options.excludeTable ?? (() => false);
  const tables = new Map<string, TableParts>();
  for (const row of tableRows) {
    if (exclude(schemaOf(row.schema), row.name)) continue;
    tables.set(String(row.oid), {
      row, columns: [], primaryKey: null, foreignKeys: [], uniques: [], indexes: [], checks: [],
    });
  }
  for (const c of columnRows) tables.get(String(c.table_oid))?.columns.push(toColumn(c, enumsByOid));
  for (const c of constraintRows) {
    const t = tables.get(String(c.table_oid));
    if (t) addConstraint(t, c);
  }
  for (const i of indexRows) tables.get(String(i.table_oid))?.indexes.push(toIndex(i));

  const snapshots = [...tables.values()].map(toTable).sort((a, b) => compare(a.name, b.name) || compare(a.schema ?? "", b.schema ?? ""));
  const enums: EnumSnapshot[] = enumRows
    .filter((e) => !e.extension && schemas.includes(e.schema))
    .map((e) => ({ schema: schemaOf(e.schema), name: e.name, values: e.values }))
    .sort((a, b) => compare(a.schema ?? "", b.schema ?? "") || compare(a.name, b.name));
  return { tables: snapshots, enums };
}

function schemaOf(nspname: string): string | null {
  return nspname === DEFAULT_SCHEMA ? null : nspname;
}

/** Code-unit order, independent of the locale. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byName<T extends { readonly name: string | null }>(a: T, b: T): number {
  return compare(a.name ?? "", b.name ?? "");
}

function toColumn(c: ColumnRow, enums: ReadonlyMap<string, EnumRow>): ColumnSnapshot {
  const serial = c.owns_sequence && c.default !== null && /^nextval\(/i.test(c.default);
  const autoincrement = c.identity === "a" || c.identity === "d" || serial;
  // A generated column's expression is not a default; the snapshot has no place for it.
  const generated = c.generated !== "";
  return {
    name: c.name,
    type: columnType(c, enums),
    nullable: !c.not_null,
    default: autoincrement || generated ? null : c.default,
    autoincrement,
    comment: c.comment,
  };
}

function columnType(c: ColumnRow, enums: ReadonlyMap<string, EnumRow>): ColumnType {
  const e = enums.get(String(c.type_oid));
  if (e) {
    const schema = schemaOf(e.schema);
    return { kind: "enum", name: schema ? `${schema}.${e.name}` : e.name, values: e.values };
  }
  return parsePgType(c.type);
}

function addConstraint(t: TableParts, c: ConstraintRow): void {
  switch (c.type) {
    case "p":
      t.primaryKey = { name: c.name, columns: c.columns };
      return;
    case "u":
      t.uniques.push({ name: c.name, columns: c.columns });
      return;
    case "f":
      t.foreignKeys.push({
        name: c.name,
        columns: c.columns,
        referredSchema: schemaOf(c.ref_schema ?? DEFAULT_SCHEMA),
        referredTable: c.ref_table ?? "",
        referredColumns: c.ref_columns,
        onDelete: ACTIONS[c.on_delete] ?? null,
        onUpdate: ACTIONS[c.on_update] ?? null,
      });
      return;
    case "c":
      t.checks.push({ name: c.name, expression: checkExpression(c.definition ?? "") });
      return;
  }
}

/**
 * `CHECK (qty >= 0)` → `qty >= 0`: the server's text minus CHECK and its parentheses, still in
 * the server's spelling (normalizeExpression is for comparing, not for storing).
 */
function checkExpression(definition: string): string {
  const m = /^\s*CHECK\s*\(([\s\S]*)\)(\s+NO INHERIT)?(\s+NOT VALID)?\s*$/i.exec(definition);
  return m ? m[1]!.trim() : normalizeExpression(definition);
}

function toIndex(i: IndexRow): IndexSnapshot {
  return {
    name: i.name,
    columns: (i.keys ?? []).map((k) => (k.expression !== null ? { expression: k.expression } : k.column ?? "")),
    unique: i.unique,
    where: i.predicate,
    ...(i.method === "btree" ? {} : { using: i.method }),
  };
}

function toTable(t: TableParts): TableSnapshot {
  return {
    schema: schemaOf(t.row.schema),
    name: t.row.name,
    columns: t.columns,
    primaryKey: t.primaryKey,
    foreignKeys: t.foreignKeys.sort(byName),
    uniques: t.uniques.sort(byName),
    indexes: t.indexes.sort(byName),
    checks: t.checks.sort(byName),
    comment: t.row.comment,
  };
}
