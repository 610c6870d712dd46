import type { ColumnChanges, Op, TableRef } from "../operations/types.js";
import type {
  CheckSnapshot, ColumnSnapshot, ForeignKeySnapshot, IndexSnapshot, TableSnapshot, UniqueSnapshot,
} from "../snapshot/types.js";
import type { CompareDialect, CompareHook, CompareOptions } from "./context.js";
import { conventionalName } from "./names.js";
import { sameColumnShape } from "./renames.js";

/** The ops for one table present on both sides, grouped by the phase they run in. */
export interface TableDiff {
  readonly dropForeignKeys: Op[];
  readonly dropIndexesAndConstraints: Op[];
  readonly columns: Op[];
  readonly dropColumns: Op[];
  readonly addConstraintsAndIndexes: Op[];
  readonly addForeignKeys: Op[];
  readonly warnings: string[];
}

const sameList = (a: readonly unknown[], b: readonly unknown[]): boolean =>
  a.length === b.length && a.every((x, i) => JSON.stringify(x) === JSON.stringify(b[i]));

/**
 * `db` is the table as reflected; `view` is the same table as it will stand after this diff's
 * renames (keys and indexes follow renamed columns, foreign keys renamed tables), which is what
 * the model is matched against. Drops carry the reflected objects, `priorForeignKey` adjusting
 * a dropped key to the names the downgrade will recreate it among.
 */
export function compareTable(
  model: TableSnapshot,
  db: TableSnapshot,
  view: TableSnapshot,
  dialect: CompareDialect,
  options: CompareOptions,
  columnRenames: ReadonlyMap<string, string>,
  priorForeignKey: (fk: ForeignKeySnapshot) => ForeignKeySnapshot = (fk) => fk,
): TableDiff {
  const ref: TableRef = { schema: model.schema, table: model.name };
  const diff: TableDiff = {
    dropForeignKeys: [], dropIndexesAndConstraints: [], columns: [], dropColumns: [],
    addConstraintsAndIndexes: [], addForeignKeys: [], warnings: [],
  };
  compareColumns(model, db, ref, dialect, options, columnRenames, diff);
  comparePrimaryKey(model, db, view, ref, dialect, diff);
  compareUniquesAndIndexes(model, db, view, ref, dialect, diff);
  compareForeignKeys(model, db, view, ref, priorForeignKey, diff);
  compareChecks(model, db, ref, dialect, diff);
  if (dialect.supportsComments && (model.comment ?? null) !== (db.comment ?? null)) {
    diff.columns.push(model.comment === null
      ? { kind: "dropTableComment", ...ref, existing: db.comment }
      : { kind: "createTableComment", ...ref, comment: model.comment, existing: db.comment });
  }
  return diff;
}

function decide(setting: boolean | CompareHook | undefined, fallback: () => boolean, info: Parameters<CompareHook>[0]): boolean {
  if (setting === false) return false;
  if (typeof setting === "function") {
    const verdict = setting(info);
    if (verdict !== undefined) return verdict;
  }
  return fallback();
}

function compareColumns(
  model: TableSnapshot, db: TableSnapshot, ref: TableRef, dialect: CompareDialect,
  options: CompareOptions, renames: ReadonlyMap<string, string>, diff: TableDiff,
): void {
  const dbCols = new Map(db.columns.map((c) => [c.name, c]));
  const matched = new Set<string>();
  const added: ColumnSnapshot[] = [];
  for (const mc of model.columns) {
    let dc = dbCols.get(mc.name);
    let renamedFrom: string | undefined;
    if (!dc) {
      const old = renames.get(mc.name);
      if (old && dbCols.has(old) && !model.columns.some((c) => c.name === old)) {
        dc = dbCols.get(old);
        renamedFrom = old;
      }
    }
    if (!dc) {
      added.push(mc);
      continue;
    }
    matched.add(dc.name);
    const info = { table: model, modelColumn: mc, databaseColumn: dc };
    const changes: { -readonly [K in keyof ColumnChanges]: ColumnChanges[K] } = {};
    if (renamedFrom) changes.newName = mc.name;
    if (decide(options.compareType, () => !dialect.typesEqual(mc.type, dc.type), info)) changes.type = mc.type;
    if (mc.nullable !== dc.nullable) changes.nullable = mc.nullable;
    const defaultsDiffer = () =>
      !mc.autoincrement && !dc.autoincrement &&
      dialect.normalizeDefault(mc.default, mc.type) !== dialect.normalizeDefault(dc.default, dc.type);
    if (decide(options.compareServerDefault ?? true, defaultsDiffer, info)) changes.default = mc.default;
    if (dialect.supportsComments && (mc.comment ?? null) !== (dc.comment ?? null)) changes.comment = mc.comment;
    if (Object.keys(changes).length > 0) {
      diff.columns.push({ kind: "alterColumn", ...ref, column: dc.name, changes, existing: dc });
    }
  }
  const dropped = db.columns.filter((c) => !matched.has(c.name));
  for (const c of added) diff.columns.push({ kind: "addColumn", ...ref, column: c });
  for (const c of dropped) diff.dropColumns.push({ kind: "dropColumn", ...ref, column: c });
  for (const a of added) {
    const twins = dropped.filter((d) => sameColumnShape(a, d, dialect)).map((d) => d.name);
    if (twins.length === 0) continue;
    const hint = twins.map((t) => `--rename ${ref.table}.${t}=${a.name}`).join(" or ");
    diff.warnings.push(
      `${ref.table}.${a.name} is added while ${twins.map((t) => `${ref.table}.${t}`).join(", ")} ${twins.length > 1 ? "are" : "is"} dropped: ` +
      `if this is a rename, run again with ${hint} or mark the column renamedFrom("${twins[0]}"); ` +
      `as written, the data in ${twins.join(", ")} is lost`,
    );
  }
}

function comparePrimaryKey(model: TableSnapshot, db: TableSnapshot, view: TableSnapshot, ref: TableRef, dialect: CompareDialect, diff: TableDiff): void {
  const m = model.primaryKey;
  const d = db.primaryKey;
  const sameCols = sameList(m?.columns ?? [], view.primaryKey?.columns ?? []);
  const sameName = !dialect.keepsPrimaryKeyNames || !m?.name || !d?.name || m.name === d.name;
  if (sameCols && sameName) return;
  if (d) {
    const name = d.name ?? conventionalName("pk", ref.table, []);
    diff.dropIndexesAndConstraints.push({ kind: "dropConstraint", ...ref, name, type: "primary", prior: { ...d, name } });
  }
  if (m && m.columns.length > 0) {
    diff.addConstraintsAndIndexes.push({ kind: "createPrimaryKey", ...ref, primaryKey: { ...m, name: m.name ?? conventionalName("pk", ref.table, []) } });
  }
}

function indexesEqual(a: IndexSnapshot, b: IndexSnapshot, dialect: CompareDialect): boolean {
  const col = (c: IndexSnapshot["columns"][number]) => (typeof c === "string" ? c : `(${dialect.normalizeExpression(c.expression)})`);
  const where = (w: string | null) => (w === null ? null : dialect.normalizeExpression(w));
  return a.unique === b.unique && sameList(a.columns.map(col), b.columns.map(col)) && where(a.where) === where(b.where) &&
    (a.using ?? null) === (b.using ?? null);
}

/**
 * Unique constraints match by columns (an unnamed one in the model matches whatever the
 * server named it); indexes match by name. A unique index on one side and a unique
 * constraint of the same name and columns on the other are the same thing to several
 * servers, so they match too.
 */
/** A database object as reflected (`orig`, what drops carry) and as compared (`cmp`, after renames). */
interface Seen<T> {
  readonly orig: T;
  readonly cmp: T;
}

function seen<T>(orig: readonly T[], cmp: readonly T[]): Seen<T>[] {
  return orig.map((o, i) => ({ orig: o, cmp: cmp[i]! }));
}

function take<T>(list: Seen<T>[], pred: (x: T) => boolean): Seen<T> | undefined {
  const i = list.findIndex((x) => pred(x.cmp));
  return i < 0 ? undefined : list.splice(i, 1)[0];
}

function compareUniquesAndIndexes(model: TableSnapshot, db: TableSnapshot, view: TableSnapshot, ref: TableRef, dialect: CompareDialect, diff: TableDiff): void {
  const dbUniques = seen(db.uniques, view.uniques);
  const dbIndexes = seen(db.indexes, view.indexes);
  const newUniques: UniqueSnapshot[] = [];
  const newIndexes: IndexSnapshot[] = [];
  for (const u of model.uniques) {
    const namesAgree = (d: { name: string | null }) => !u.name || !d.name || d.name === u.name;
    if (take(dbUniques, (d) => sameList(d.columns, u.columns) && namesAgree(d))) continue;
    const asIndex = u.name && take(dbIndexes, (d) => d.name === u.name && d.unique && d.where === null && sameList(d.columns, u.columns));
    if (!asIndex) newUniques.push(u);
  }
  for (const i of model.indexes) {
    const found = take(dbIndexes, (d) => d.name === i.name);
    if (found && indexesEqual(i, found.cmp, dialect)) continue;
    if (found) {
      diff.dropIndexesAndConstraints.push({ kind: "dropIndex", ...ref, index: found.orig });
    } else if (i.unique && i.where === null && i.columns.every((c) => typeof c === "string")) {
      const asUnique = take(dbUniques, (d) => d.name === i.name && sameList(d.columns, i.columns));
      if (asUnique) continue;
    }
    newIndexes.push(i);
  }
  for (const { orig: d } of dbUniques) {
    if (!d.name) {
      diff.warnings.push(`${ref.table}: an unnamed unique constraint on (${d.columns.join(", ")}) is not in the model; it cannot be dropped by name and is left alone`);
      continue;
    }
    diff.dropIndexesAndConstraints.push({ kind: "dropConstraint", ...ref, name: d.name, type: "unique", prior: d });
  }
  for (const { orig: d } of dbIndexes) diff.dropIndexesAndConstraints.push({ kind: "dropIndex", ...ref, index: d });
  for (const u of newUniques) {
    diff.addConstraintsAndIndexes.push({ kind: "createUniqueConstraint", ...ref, unique: { ...u, name: u.name ?? conventionalName("uq", ref.table, u.columns) } });
  }
  for (const i of newIndexes) diff.addConstraintsAndIndexes.push({ kind: "createIndex", ...ref, index: i });
}

function fkEqual(a: ForeignKeySnapshot, b: ForeignKeySnapshot, tableSchema: string | null): boolean {
  return sameList(a.columns, b.columns) && sameList(a.referredColumns, b.referredColumns) &&
    a.referredTable === b.referredTable &&
    (a.referredSchema ?? tableSchema) === (b.referredSchema ?? tableSchema) &&
    action(a.onDelete) === action(b.onDelete) && action(a.onUpdate) === action(b.onUpdate);
}

/** NO ACTION and RESTRICT (MySQL's implicit default) both mean "the default" here. */
function action(a: ForeignKeySnapshot["onDelete"]): string {
  return a === null || a === "NO ACTION" || a === "RESTRICT" ? "" : a;
}

function compareForeignKeys(
  model: TableSnapshot, db: TableSnapshot, view: TableSnapshot, ref: TableRef,
  priorForeignKey: (fk: ForeignKeySnapshot) => ForeignKeySnapshot, diff: TableDiff,
): void {
  const remaining = seen(db.foreignKeys, view.foreignKeys);
  for (const fk of model.foreignKeys) {
    if (take(remaining, (d) => fkEqual(fk, d, ref.schema) && (!fk.name || !d.name || fk.name === d.name))) continue;
    diff.addForeignKeys.push({
      kind: "createForeignKey", ...ref,
      foreignKey: { ...fk, name: fk.name ?? conventionalName("fk", ref.table, fk.columns, fk.referredTable) },
    });
  }
  for (const { orig: d } of remaining) {
    if (!d.name) {
      diff.warnings.push(`${ref.table}: an unnamed foreign key on (${d.columns.join(", ")}) is not in the model; it cannot be dropped by name and is left alone`);
      continue;
    }
    diff.dropForeignKeys.push({ kind: "dropConstraint", ...ref, name: d.name, type: "foreignkey", prior: priorForeignKey(d) });
  }
}

function compareChecks(model: TableSnapshot, db: TableSnapshot, ref: TableRef, dialect: CompareDialect, diff: TableDiff): void {
  const norm = (c: CheckSnapshot) => dialect.normalizeExpression(c.expression);
  const remaining = [...db.checks];
  for (const c of model.checks) {
    let i = c.name ? remaining.findIndex((d) => d.name === c.name) : -1;
    if (i < 0) i = remaining.findIndex((d) => norm(d) === norm(c) && (!c.name || !d.name));
    if (i >= 0) {
      remaining.splice(i, 1);
      continue;
    }
    diff.addConstraintsAndIndexes.push({
      kind: "createCheckConstraint", ...ref,
      check: { ...c, name: c.name ?? conventionalName("ck", ref.table, [], String(model.checks.indexOf(c))) },
    });
  }
  for (const d of remaining) {
    if (!d.name) {
      diff.warnings.push(`${ref.table}: an unnamed CHECK (${d.expression}) is not in the model; it is left alone`);
      continue;
    }
    diff.dropIndexesAndConstraints.push({ kind: "dropConstraint", ...ref, name: d.name, type: "check", prior: d });
  }
}
