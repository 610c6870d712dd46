/**
 * A test comparer: the differences between a table as written and as MySQL reflects it back,
 * modulo what the dialect says is equal (typesEqual, normalizeDefault, normalizeExpression).
 * MySQL keeps no primary key names and turns a UNIQUE index into a unique key, so those are folded.
 */
import type { Dialect } from "../../../src/dialects/dialect.js";
import type { ReferentialAction, TableSnapshot } from "../../../src/snapshot/types.js";

function action(a: ReferentialAction | null): string {
  return a === null || a === "RESTRICT" || a === "NO ACTION" ? "-" : a;
}

function matchByName<T extends { readonly name: string | null }>(
  expected: readonly T[], actual: readonly T[], sameShape: (a: T, b: T) => boolean,
): { pairs: [T, T][]; missing: T[]; extra: T[] } {
  const left = [...actual];
  const pairs: [T, T][] = [];
  const missing: T[] = [];
  for (const e of expected) {
    const i = left.findIndex((a) => (e.name !== null ? a.name === e.name : sameShape(e, a)));
    if (i < 0) missing.push(e);
    else pairs.push([e, left.splice(i, 1)[0]!]);
  }
  return { pairs, missing, extra: left };
}

export function tableDifferences(d: Dialect, expected: TableSnapshot, actual: TableSnapshot): string[] {
  const out: string[] = [];
  const where = expected.name;
  if (expected.name !== actual.name) out.push(`${where}: name ${actual.name}`);
  if ((expected.comment ?? null) !== (actual.comment ?? null)) out.push(`${where}: comment ${JSON.stringify(actual.comment)}`);

  const names = (cols: TableSnapshot["columns"]) => cols.map((c) => c.name).join(",");
  if (names(expected.columns) !== names(actual.columns)) out.push(`${where}: columns ${names(actual.columns)}`);
  for (const e of expected.columns) {
    const a = actual.columns.find((c) => c.name === e.name);
    if (!a) continue;
    const at = `${where}.${e.name}`;
    if (!d.typesEqual(e.type, a.type)) out.push(`${at}: type ${JSON.stringify(a.type)} != ${JSON.stringify(e.type)}`);
    if (e.nullable !== a.nullable) out.push(`${at}: nullable ${a.nullable}`);
    const de = d.normalizeDefault(e.default, e.type);
    const da = d.normalizeDefault(a.default, a.type);
    if (de !== da) out.push(`${at}: default ${JSON.stringify(a.default)} (${da}) != ${JSON.stringify(e.default)} (${de})`);
    if (e.autoincrement !== a.autoincrement) out.push(`${at}: autoincrement ${a.autoincrement}`);
    if ((e.comment ?? null) !== (a.comment ?? null)) out.push(`${at}: comment ${JSON.stringify(a.comment)}`);
  }

  const pk = (t: TableSnapshot) => (t.primaryKey ? t.primaryKey.columns.join(",") : "none");
  if (pk(expected) !== pk(actual)) out.push(`${where}: primary key ${pk(actual)} != ${pk(expected)}`);

  const fks = matchByName(expected.foreignKeys, actual.foreignKeys, (a, b) => a.columns.join() === b.columns.join());
  for (const [e, a] of fks.pairs) {
    const shape = (f: typeof e) =>
      `${f.columns.join(",")}->${f.referredSchema ?? ""}.${f.referredTable}(${f.referredColumns.join(",")}) del ${action(f.onDelete)} upd ${action(f.onUpdate)}`;
    if (shape(e) !== shape(a)) out.push(`${where}: foreign key ${e.name}: ${shape(a)} != ${shape(e)}`);
  }
  for (const m of fks.missing) out.push(`${where}: foreign key missing ${m.name ?? m.columns.join(",")}`);
  for (const x of fks.extra) out.push(`${where}: foreign key extra ${x.name}`);

  // A unique index on plain columns is a unique key in MySQL.
  const isUniqueKey = (i: TableSnapshot["indexes"][number]) => i.unique && i.columns.every((c) => typeof c === "string");
  const expectedUniques = [
    ...expected.uniques,
    ...expected.indexes.filter(isUniqueKey).map((i) => ({ name: i.name, columns: i.columns as readonly string[] })),
  ];
  const uqs = matchByName(expectedUniques, actual.uniques, (a, b) => a.columns.join() === b.columns.join());
  for (const [e, a] of uqs.pairs) {
    if (e.columns.join() !== a.columns.join()) out.push(`${where}: unique ${e.name}: ${a.columns.join(",")}`);
  }
  for (const m of uqs.missing) out.push(`${where}: unique missing ${m.name ?? m.columns.join(",")}`);
  for (const x of uqs.extra) out.push(`${where}: unique extra ${x.name}`);

  const part = (p: TableSnapshot["indexes"][number]["columns"][number]) =>
    typeof p === "string" ? p : `(${d.normalizeExpression(p.expression)})`;
  const ixs = matchByName(expected.indexes.filter((i) => !isUniqueKey(i)), actual.indexes, () => false);
  for (const [e, a] of ixs.pairs) {
    const shape = (i: typeof e) => `${i.unique ? "unique " : ""}${i.columns.map(part).join(",")}${i.where ? ` where ${d.normalizeExpression(i.where)}` : ""}`;
    if (shape(e) !== shape(a)) out.push(`${where}: index ${e.name}: ${shape(a)} != ${shape(e)}`);
  }
  for (const m of ixs.missing) out.push(`${where}: index missing ${m.name}`);
  for (const x of ixs.extra) out.push(`${where}: index extra ${x.name}`);

  const cks = matchByName(expected.checks, actual.checks,
    (a, b) => d.normalizeExpression(a.expression) === d.normalizeExpression(b.expression));
  for (const [e, a] of cks.pairs) {
    if (d.normalizeExpression(e.expression) !== d.normalizeExpression(a.expression)) {
      out.push(`${where}: check ${e.name}: ${d.normalizeExpression(a.expression)} != ${d.normalizeExpression(e.expression)}`);
    }
  }
  for (const m of cks.missing) out.push(`${where}: check missing ${m.name ?? m.expression}`);
  for (const x of cks.extra) out.push(`${where}: check extra ${x.name}: ${x.expression}`);
  return out;
}
