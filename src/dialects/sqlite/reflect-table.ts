/** Assemble one TableSnapshot from the bulk catalog rows and the table's stored CREATE text. */
import type {
  CheckSnapshot, ColumnSnapshot, ForeignKeySnapshot, IndexSnapshot, ReferentialAction, TableSnapshot, UniqueSnapshot,
} from "../../snapshot/types.js";
import { parseCreateIndex, parseCreateTable, type ParsedConstraint, type ParsedForeignKey } from "./parse-create.js";
import { parseDeclaredType } from "./types.js";
import { isPunct, matchParen, tokenize } from "./tokens.js";

export interface CatalogRows {
  readonly objects: Record<string, unknown>[];
  readonly columns: Record<string, unknown>[];
  readonly foreignKeys: Record<string, unknown>[];
  readonly indexes: Record<string, unknown>[];
}

interface ObjectRow { type: string; name: string; tbl_name: string; sql: string | null; wr: number | null }
interface ColumnRow { tbl: string; cid: number; name: string; type: string; not_null: number; dflt_value: string | null; pk: number; hidden: number }
interface ForeignKeyRow { tbl: string; id: number; seq: number; ref: string; col: string; ref_col: string | null; on_update: string; on_delete: string }
interface IndexRow { tbl: string; idx: string; is_unique: number; origin: string; seqno: number; cid: number; col: string | null }

/** Catalog rows grouped by table, built once per introspection. */
export interface Catalog {
  readonly objects: Map<string, ObjectRow>;
  /** Lower-cased table name → its name as stored (foreign keys may spell parents in any case). */
  readonly tableNames: Map<string, string>;
  readonly columns: Map<string, ColumnRow[]>;
  readonly foreignKeys: Map<string, ForeignKeyRow[]>;
  readonly indexes: Map<string, IndexRow[]>;
}

export function groupCatalog(rows: CatalogRows): Catalog {
  const objects = new Map<string, ObjectRow>();
  const tableNames = new Map<string, string>();
  for (const o of rows.objects as unknown as ObjectRow[]) {
    objects.set(`${o.type}:${o.name}`, o);
    if (o.type === "table") tableNames.set(o.name.toLowerCase(), o.name);
  }
  return {
    objects,
    tableNames,
    columns: groupBy(rows.columns as unknown as ColumnRow[], (r) => r.tbl),
    foreignKeys: groupBy(rows.foreignKeys as unknown as ForeignKeyRow[], (r) => r.tbl),
    indexes: groupBy(rows.indexes as unknown as IndexRow[], (r) => r.tbl),
  };
}

/** Rows grouped by a key, groups and rows in their original order. */
function groupBy<R, K>(rows: readonly R[], key: (r: R) => K): Map<K, R[]> {
  const out = new Map<K, R[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

export function buildTable(schema: string | null, name: string, catalog: Catalog): TableSnapshot {
  const sql = catalog.objects.get(`table:${name}`)?.sql ?? "";
  const wr = catalog.objects.get(`table:${name}`)?.wr ?? 0;
  const parsed = parseCreateTable(sql);
  const withoutRowid = wr === 1 || parsed.withoutRowid;
  const colRows = (catalog.columns.get(name) ?? []).filter((c) => c.hidden !== 1);
  const pkRows = colRows.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk);
  // The single INTEGER PRIMARY KEY of a rowid table is the rowid itself: a generated key.
  const rowidAlias = !withoutRowid && pkRows.length === 1 && pkRows[0]!.type.trim().toUpperCase() === "INTEGER"
    ? pkRows[0]!.name : null;

  const columns: ColumnSnapshot[] = colRows.map((c) => ({
    name: c.name,
    type: parseDeclaredType(c.type),
    nullable: !(c.not_null === 1 || c.name === rowidAlias || (withoutRowid && c.pk > 0)),
    default: c.name === rowidAlias ? null : reflectDefault(c.dflt_value),
    autoincrement: c.name === rowidAlias,
    comment: null,
  }));

  const uniqueNames = claimer(parsed.uniques);
  const uniques: UniqueSnapshot[] = [];
  const indexes: IndexSnapshot[] = [];
  for (const [idx, rows] of groupBy(catalog.indexes.get(name) ?? [], (r) => r.idx)) {
    const first = rows[0]!;
    const cols = rows.map((r) => r.col ?? "");
    if (first.origin === "u") uniques.push({ name: uniqueNames((u) => sameColumns(u.columns, cols)), columns: cols });
    else if (first.origin === "c") indexes.push(reflectIndex(idx, first.is_unique === 1, cols, catalog.objects.get(`index:${idx}`)?.sql ?? null));
  }

  const fkNames = claimer(parsed.foreignKeys);
  const foreignKeys: ForeignKeySnapshot[] = [];
  for (const rows of groupBy(catalog.foreignKeys.get(name) ?? [], (r) => r.id).values()) {
    const first = rows[0]!;
    const cols = rows.map((r) => r.col);
    const referredTable = catalog.tableNames.get(first.ref.toLowerCase()) ?? first.ref;
    const sameFk = (f: ParsedForeignKey): boolean => sameColumns(f.columns, cols) && f.referredTable.toLowerCase() === first.ref.toLowerCase();
    const parsedFk = parsed.foreignKeys.find(sameFk);
    let referredColumns = rows.map((r) => r.ref_col);
    if (referredColumns.some((c) => c === null)) {
      // "REFERENCES parent" without columns means the parent's primary key.
      referredColumns = parsedFk && parsedFk.referredColumns.length > 0
        ? [...parsedFk.referredColumns]
        : (catalog.columns.get(referredTable) ?? []).filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
    }
    foreignKeys.push({
      name: fkNames(sameFk),
      columns: cols,
      referredSchema: null,
      referredTable,
      referredColumns: referredColumns as string[],
      onDelete: action(first.on_delete),
      onUpdate: action(first.on_update),
    });
  }

  const checks: CheckSnapshot[] = parsed.checks.map((c) => ({ name: c.name, expression: c.expression }));
  return {
    schema,
    name,
    columns,
    primaryKey: pkRows.length === 0 ? null : { name: parsed.primaryKeyName, columns: pkRows.map((c) => c.name) },
    foreignKeys: foreignKeys.sort(byName),
    uniques: uniques.sort(byName),
    indexes: indexes.sort(byName),
    checks: checks.sort((a, b) => compareNullable(a.name, b.name) || (a.expression < b.expression ? -1 : a.expression > b.expression ? 1 : 0)),
    comment: null,
  };
}

function reflectIndex(name: string, unique: boolean, cols: string[], sql: string | null): IndexSnapshot {
  if (sql === null) return { name, columns: cols, unique, where: null };
  const parsed = parseCreateIndex(sql);
  const columns = parsed.elements.map((e) => ("column" in e ? e.column : { expression: e.expression }));
  return { name, columns, unique, where: parsed.where };
}

/**
 * A default as it would follow DEFAULT. The pragma strips the parentheses SQLite requires around
 * an expression default, so they are put back for anything that is not a literal or keyword.
 */
function reflectDefault(value: string | null): string | null {
  // DEFAULT NULL is no default at all.
  if (value === null || value.trim().toUpperCase() === "NULL") return null;
  const tokens = tokenize(value);
  const bare = tokens.length === 1 && tokens[0]!.kind !== "punct" && tokens[0]!.kind !== "op"
    || (tokens.length === 2 && tokens[0]!.kind === "op" && /^[-+]$/.test(tokens[0]!.text) && tokens[1]!.kind === "number")
    || (tokens.length > 0 && isPunct(tokens[0], "(") && matchParen(tokens, 0) === tokens.length - 1);
  return bare ? value : `(${value})`;
}

function action(a: string): ReferentialAction | null {
  const upper = a.toUpperCase();
  if (upper === "NO ACTION" || upper === "") return null;
  return upper as ReferentialAction;
}

function sameColumns(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((c, i) => c.toLowerCase() === b[i]!.toLowerCase());
}

/** Hands out the names parsed from CREATE TABLE to the reflected constraints they match, each once. */
function claimer<P extends ParsedConstraint>(parsed: readonly P[]): (matches: (p: P) => boolean) => string | null {
  const used = new Set<number>();
  return (matches) => {
    const i = parsed.findIndex((p, k) => !used.has(k) && matches(p));
    if (i < 0) return null;
    used.add(i);
    return parsed[i]!.name;
  };
}

function compareNullable(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

function byName(a: { name: string | null; columns: readonly unknown[] }, b: { name: string | null; columns: readonly unknown[] }): number {
  return compareNullable(a.name, b.name) || JSON.stringify(a.columns).localeCompare(JSON.stringify(b.columns));
}
