/**
 * Compare a table as written with the table reflected back, modulo what the dialect says is the
 * same (types, defaults, expressions) and what SQLite does not keep (comments, PK names).
 */
import type { Dialect } from "../../../src/dialects/dialect.js";
import type { ColumnSnapshot, IndexSnapshot, TableSnapshot } from "../../../src/snapshot/types.js";

export function tableDifferences(d: Dialect, expected: TableSnapshot, actual: TableSnapshot | undefined): string[] {
  if (!actual) return [`table ${expected.name} missing`];
  const out: string[] = [];
  const where = (s: string) => `${expected.name}: ${s}`;
  if (expected.columns.map((c) => c.name).join(",") !== actual.columns.map((c) => c.name).join(",")) {
    out.push(where(`columns ${expected.columns.map((c) => c.name)} vs ${actual.columns.map((c) => c.name)}`));
  }
  for (const e of expected.columns) {
    const a = actual.columns.find((c) => c.name === e.name);
    if (a) out.push(...columnDifferences(d, e, a).map((s) => where(`${e.name}: ${s}`)));
  }
  const pk = (t: TableSnapshot) => t.primaryKey?.columns.join(",") ?? "";
  if (pk(expected) !== pk(actual)) out.push(where(`pk ${pk(expected)} vs ${pk(actual)}`));
  if (d.keepsPrimaryKeyNames && expected.primaryKey?.name !== actual.primaryKey?.name) out.push(where("pk name"));

  const fk = (t: TableSnapshot) => sorted(t.foreignKeys.map((f) => JSON.stringify([f.name, f.columns, f.referredTable,
    f.referredColumns, f.onDelete ?? "NO ACTION", f.onUpdate ?? "NO ACTION"])));
  diffLists(out, where("foreign keys"), fk(expected), fk(actual));
  const uq = (t: TableSnapshot) => sorted(t.uniques.map((u) => JSON.stringify([u.name, u.columns])));
  diffLists(out, where("uniques"), uq(expected), uq(actual));
  const ix = (t: TableSnapshot) => sorted(t.indexes.map((i) => indexKey(d, i)));
  diffLists(out, where("indexes"), ix(expected), ix(actual));
  const ck = (t: TableSnapshot) => sorted(t.checks.map((c) => JSON.stringify([c.name, d.normalizeExpression(c.expression)])));
  diffLists(out, where("checks"), ck(expected), ck(actual));
  if (d.supportsComments && expected.comment !== actual.comment) out.push(where("table comment"));
  return out;
}

function columnDifferences(d: Dialect, e: ColumnSnapshot, a: ColumnSnapshot): string[] {
  const out: string[] = [];
  if (!d.typesEqual(e.type, a.type)) out.push(`type ${JSON.stringify(e.type)} vs ${JSON.stringify(a.type)}`);
  if (e.nullable !== a.nullable) out.push(`nullable ${e.nullable} vs ${a.nullable}`);
  const de = d.normalizeDefault(e.default, e.type);
  const da = d.normalizeDefault(a.default, a.type);
  if (de !== da) out.push(`default ${e.default} (${de}) vs ${a.default} (${da})`);
  if (e.autoincrement !== a.autoincrement) out.push(`autoincrement ${e.autoincrement} vs ${a.autoincrement}`);
  if (d.supportsComments && e.comment !== a.comment) out.push("comment");
  return out;
}

function indexKey(d: Dialect, i: IndexSnapshot): string {
  const cols = i.columns.map((c) => (typeof c === "string" ? c : { expression: d.normalizeExpression(c.expression) }));
  return JSON.stringify([i.name, i.unique, cols, i.where === null ? null : d.normalizeExpression(i.where)]);
}

function sorted(xs: string[]): string[] {
  return [...xs].sort();
}

function diffLists(out: string[], what: string, e: string[], a: string[]): void {
  if (JSON.stringify(e) !== JSON.stringify(a)) out.push(`${what}: expected ${e.join(" ")} got ${a.join(" ")}`);
}
