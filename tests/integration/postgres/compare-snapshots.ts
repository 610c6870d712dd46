/**
 * Differences between a table as written and as reflected, modulo what the dialect says is
 * equal (typesEqual / normalizeDefault / normalizeExpression). Empty list = same table.
 */
import type { Dialect } from "../../../src/dialects/dialect.js";
import type { ForeignKeySnapshot, IndexSnapshot, TableSnapshot } from "../../../src/snapshot/types.js";

export function tableDifferences(d: Dialect, want: TableSnapshot, got: TableSnapshot): string[] {
  const out: string[] = [];
  const where = `${want.schema ?? ""}.${want.name}`;
  const same = (what: string, a: unknown, b: unknown): void => {
    if (JSON.stringify(a) !== JSON.stringify(b)) out.push(`${where} ${what}: want ${JSON.stringify(a)}, got ${JSON.stringify(b)}`);
  };
  same("schema", want.schema, got.schema);
  same("name", want.name, got.name);
  same("comment", want.comment, got.comment);
  same("column names", want.columns.map((c) => c.name), got.columns.map((c) => c.name));
  for (const w of want.columns) {
    const g = got.columns.find((c) => c.name === w.name);
    if (!g) continue;
    if (!d.typesEqual(w.type, g.type)) out.push(`${where}.${w.name} type: want ${JSON.stringify(w.type)}, got ${JSON.stringify(g.type)}`);
    same(`${w.name} nullable`, w.nullable, g.nullable);
    same(`${w.name} autoincrement`, w.autoincrement, g.autoincrement);
    same(`${w.name} default`, d.normalizeDefault(w.default, w.type), d.normalizeDefault(g.default, g.type));
    same(`${w.name} comment`, w.comment, g.comment);
  }
  same("primary key columns", want.primaryKey?.columns ?? null, got.primaryKey?.columns ?? null);
  if (want.primaryKey?.name) same("primary key name", want.primaryKey.name, got.primaryKey?.name);

  same("foreign key count", want.foreignKeys.length, got.foreignKeys.length);
  for (const w of want.foreignKeys) {
    const g = got.foreignKeys.find((f) => (w.name ? f.name === w.name : sameList(f.columns, w.columns)));
    if (!g) { out.push(`${where} foreign key ${w.name ?? w.columns.join(",")} missing`); continue; }
    same(`fk ${w.name} columns`, fkShape(w), fkShape(g));
  }
  // An unnamed unique gets its name from the server; it is matched by its columns.
  same("unique count", want.uniques.length, got.uniques.length);
  for (const w of want.uniques) {
    const g = got.uniques.find((u) => (w.name ? u.name === w.name : sameList(u.columns, w.columns)));
    same(`unique ${w.name ?? w.columns.join(",")}`, w.columns, g?.columns);
  }
  same("index names", want.indexes.map((i) => i.name), got.indexes.map((i) => i.name));
  for (const w of want.indexes) {
    const g = got.indexes.find((i) => i.name === w.name);
    if (g) same(`index ${w.name}`, indexShape(d, w), indexShape(d, g));
  }
  same("check names", names(want.checks), names(got.checks));
  for (const w of want.checks) {
    const g = got.checks.find((c) => c.name === w.name);
    same(`check ${w.name}`, d.normalizeExpression(w.expression), g ? d.normalizeExpression(g.expression) : null);
  }
  return out;
}

function names(list: readonly { readonly name: string | null }[]): (string | null)[] {
  return list.map((x) => x.name).filter((n) => n !== null).sort();
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function fkShape(f: ForeignKeySnapshot): unknown {
  const action = (a: string | null): string => a ?? "NO ACTION";
  return [f.columns, f.referredSchema, f.referredTable, f.referredColumns, action(f.onDelete), action(f.onUpdate)];
}

function indexShape(d: Dialect, i: IndexSnapshot): unknown {
  return {
    unique: i.unique,
    columns: i.columns.map((c) => (typeof c === "string" ? c : { expression: d.normalizeExpression(c.expression) })),
    where: i.where === null ? null : d.normalizeExpression(i.where),
  };
}
