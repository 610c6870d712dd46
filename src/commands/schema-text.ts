/**
 * A schema as stable text, one block per table, for the unified diff `check` prints. Both
 * sides are rendered alike so that only real differences show: tables and columns sorted by
 * name (column order is not something autogenerate compares), types through the dialect,
 * defaults and expressions in the dialect's canonical form, and constraint names left out
 * where a model may leave them to the server (unique, foreign key, check, primary key).
 */
import type { Dialect } from "../dialects/dialect.js";
import type {
  CheckSnapshot, ColumnSnapshot, EnumSnapshot, ForeignKeySnapshot, IndexSnapshot, SchemaSnapshot, TableSnapshot,
} from "../snapshot/types.js";
import { qualifiedName } from "../snapshot/types.js";

export type SchemaTextDialect = Pick<Dialect, "renderType" | "normalizeDefault" | "normalizeExpression" | "namedEnums" | "supportsComments">;

const NAME_WIDTH = 16;

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function renderSchemaText(schema: SchemaSnapshot, dialect: SchemaTextDialect): string {
  const blocks = [
    ...[...schema.tables].sort((a, b) => byText(qualifiedName(a), qualifiedName(b))).map((t) => renderTable(t, dialect)),
    // Where enums live inside column types, the models still list them; the database cannot.
    ...(dialect.namedEnums ? [...schema.enums].sort((a, b) => byText(qualifiedName(a), qualifiedName(b))).map(renderEnum) : []),
  ];
  return blocks.map((b) => b + "\n").join("\n");
}

function renderEnum(e: EnumSnapshot): string {
  return `type ${qualifiedName(e)} enum (${e.values.map(quote).join(", ")})`;
}

function renderTable(t: TableSnapshot, dialect: SchemaTextDialect): string {
  const columns = [...t.columns].sort((a, b) => byText(a.name, b.name));
  const lines = [`table ${qualifiedName(t)}`];
  // A fixed width, not the widest name: a line must not change because a sibling column did.
  for (const c of columns) lines.push(`  ${c.name.padEnd(NAME_WIDTH)} ${renderColumn(c, dialect)}`);
  const keys: string[] = [];
  if (t.primaryKey) keys.push(`primary key (${t.primaryKey.columns.join(", ")})`);
  for (const u of t.uniques) keys.push(`unique (${u.columns.join(", ")})`);
  for (const i of t.indexes) keys.push(renderIndex(i, dialect));
  for (const fk of t.foreignKeys) keys.push(renderForeignKey(fk, t));
  for (const ck of t.checks) keys.push(renderCheck(ck, dialect));
  // Keys sort apart from columns so that each kind keeps one place in the block.
  lines.push(...keys.sort(byText).map((k) => `  ${k}`));
  if (dialect.supportsComments && t.comment !== null) lines.push(`  comment ${quote(t.comment)}`);
  return lines.join("\n");
}

/**
 * What autogenerate compares of a column, and nothing else: not whether it autoincrements,
 * nor the default the database gives an autoincrementing column (a sequence's nextval).
 */
function renderColumn(c: ColumnSnapshot, dialect: SchemaTextDialect): string {
  const parts = [dialect.renderType(c.type), c.nullable ? "NULL" : "NOT NULL"];
  const dflt = c.autoincrement ? null : dialect.normalizeDefault(c.default, c.type);
  if (dflt !== null) parts.push(`DEFAULT ${dflt}`);
  if (dialect.supportsComments && c.comment !== null) parts.push(`comment ${quote(c.comment)}`);
  return parts.join(" ");
}

/**
 * A unique index without a predicate is, to autogenerate, the same thing as a unique
 * constraint on its columns (MySQL reports one as the other), so both print alike.
 */
function renderIndex(i: IndexSnapshot, dialect: SchemaTextDialect): string {
  const cols = i.columns.map((c) => (typeof c === "string" ? c : dialect.normalizeExpression(c.expression))).join(", ");
  if (i.unique && i.where === null && i.using === undefined && i.columns.every((c) => typeof c === "string")) return `unique (${cols})`;
  const where = i.where === null ? "" : ` where ${dialect.normalizeExpression(i.where)}`;
  const using = i.using === undefined ? "" : ` using ${i.using}`;
  return `${i.unique ? "unique index" : "index"} ${i.name}${using} (${cols})${where}`;
}

function renderForeignKey(fk: ForeignKeySnapshot, t: TableSnapshot): string {
  const schema = fk.referredSchema !== null && fk.referredSchema !== t.schema ? `${fk.referredSchema}.` : "";
  const actions = [
    fk.onDelete && fk.onDelete !== "NO ACTION" ? ` on delete ${fk.onDelete}` : "",
    fk.onUpdate && fk.onUpdate !== "NO ACTION" ? ` on update ${fk.onUpdate}` : "",
  ].join("");
  return `foreign key (${fk.columns.join(", ")}) references ${schema}${fk.referredTable} (${fk.referredColumns.join(", ")})${actions}`;
}

function renderCheck(ck: CheckSnapshot, dialect: SchemaTextDialect): string {
  return `check (${dialect.normalizeExpression(ck.expression)})`;
}

function quote(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}
