/** CREATE TABLE and CREATE INDEX text for snapshots. */
import type { ColumnSnapshot, ForeignKeySnapshot, IndexSnapshot, TableSnapshot } from "../../snapshot/types.js";
import { quoteIdentifier as q } from "./quoting.js";
import { isPunct, matchParen, tokenize } from "./tokens.js";
import { renderType } from "./types.js";

const BARE_DEFAULT_WORDS = new Set(["NULL", "TRUE", "FALSE", "CURRENT_TIME", "CURRENT_DATE", "CURRENT_TIMESTAMP"]);

export function tableName(schema: string | null, name: string): string {
  return schema ? `${q(schema)}.${q(name)}` : q(name);
}

/** What a recreated table keeps from its stored CREATE text, beyond its snapshot. */
export interface RenderExtras {
  /** Declare the rowid key AUTOINCREMENT. */
  readonly autoincrement?: boolean;
  readonly collation?: (column: string) => string | null;
  /** A foreign key's DEFERRABLE clause. */
  readonly foreignKeySuffix?: (fk: ForeignKeySnapshot) => string | null;
  /** Table options: WITHOUT ROWID, STRICT. */
  readonly options?: string | null;
}

/** CREATE TABLE for a snapshot (without its indexes); `as` renames the table created. */
export function createTableSql(table: TableSnapshot, as: string = table.name, extras: RenderExtras = {}): string {
  const pk = table.primaryKey;
  const pkColumn = pk && pk.columns.length === 1 ? table.columns.find((c) => c.name === pk.columns[0]) : undefined;
  // A generated key in SQLite is the rowid: only an inline "INTEGER PRIMARY KEY" makes a column it.
  const inlinePk = pkColumn?.autoincrement ? pkColumn.name : null;
  const lines = table.columns.map((c) => {
    const collate = extras.collation?.(c.name) ?? null;
    if (c.name === inlinePk) {
      return `${q(c.name)} INTEGER ${constraintName(pk!.name)}PRIMARY KEY${extras.autoincrement ? " AUTOINCREMENT" : ""}${collate ? ` COLLATE ${collate}` : ""}`;
    }
    const keepOutOfRowid = c === pkColumn && renderType(c.type).trim().toUpperCase() === "INTEGER";
    return columnDef(c, keepOutOfRowid ? "INT" : undefined, collate);
  });
  if (pk && inlinePk === null) lines.push(`${constraintName(pk.name)}PRIMARY KEY (${pk.columns.map(q).join(", ")})`);
  for (const u of table.uniques) lines.push(`${constraintName(u.name)}UNIQUE (${u.columns.map(q).join(", ")})`);
  for (const fk of table.foreignKeys) {
    let line = `${constraintName(fk.name)}FOREIGN KEY (${fk.columns.map(q).join(", ")}) REFERENCES ${q(fk.referredTable)}`;
    if (fk.referredColumns.length > 0) line += ` (${fk.referredColumns.map(q).join(", ")})`;
    if (fk.onDelete) line += ` ON DELETE ${fk.onDelete}`;
    if (fk.onUpdate) line += ` ON UPDATE ${fk.onUpdate}`;
    const suffix = extras.foreignKeySuffix?.(fk);
    if (suffix) line += ` ${suffix}`;
    lines.push(line);
  }
  for (const c of table.checks) lines.push(`${constraintName(c.name)}CHECK (${c.expression})`);
  const options = extras.options ? ` ${extras.options}` : "";
  return `CREATE TABLE ${tableName(table.schema, as)} (\n  ${lines.join(",\n  ")}\n)${options}`;
}

/**
 * One column as ADD COLUMN or CREATE TABLE states it. `typeOverride` declares an INTEGER
 * primary key that must not become the rowid as INT (same affinity, no aliasing).
 */
export function columnDef(c: ColumnSnapshot, typeOverride?: string, collation: string | null = null): string {
  const type = typeOverride ?? renderType(c.type);
  let def = type.trim() === "" ? q(c.name) : `${q(c.name)} ${type}`;
  if (collation) def += ` COLLATE ${collation}`;
  if (!c.nullable) def += " NOT NULL";
  if (c.default !== null) def += ` DEFAULT ${renderDefault(c.default)}`;
  return def;
}

/** SQLite takes literals and a few keywords bare after DEFAULT; any other expression needs parentheses. */
export function renderDefault(value: string): string {
  const text = /^\s*now\s*\(\s*\)\s*$/i.test(value) ? "CURRENT_TIMESTAMP" : value.trim();
  return isBareDefault(text) ? text : `(${text})`;
}

/** True for defaults SQLite can add to existing rows: constants, not CURRENT_* or expressions. */
export function isConstantDefault(value: string): boolean {
  const text = renderDefault(value);
  return !text.startsWith("(") && !/^CURRENT_/i.test(text);
}

function isBareDefault(text: string): boolean {
  const t = tokenize(text);
  if (t.length === 1) {
    const k = t[0]!.kind;
    return k === "string" || k === "number" || k === "blob" || (k === "word" && BARE_DEFAULT_WORDS.has(t[0]!.text.toUpperCase()));
  }
  if (t.length === 2 && t[0]!.kind === "op" && /^[-+]$/.test(t[0]!.text) && t[1]!.kind === "number") return true;
  return t.length >= 2 && isPunct(t[0], "(") && matchParen(t, 0) === t.length - 1;
}

function constraintName(name: string | null): string {
  return name === null ? "" : `CONSTRAINT ${q(name)} `;
}

export function createIndexSql(schema: string | null, table: string, index: IndexSnapshot): string {
  const cols = index.columns.map((c) => (typeof c === "string" ? q(c) : c.expression)).join(", ");
  const where = index.where ? ` WHERE ${index.where}` : "";
  // In SQLite the schema qualifies the index name; the table is then looked up in that schema.
  return `CREATE ${index.unique ? "UNIQUE " : ""}INDEX ${tableName(schema, index.name)} ON ${q(table)} (${cols})${where}`;
}
