/**
 * How SQLite applies a batch: which ops run in place (ALTER TABLE can do them) and whether the
 * rest needs one move-and-copy. Pure: the table is simulated op by op on its snapshot.
 */
import { AthanorError } from "../../errors.js";
import type { BatchInnerOp, BatchRecreate, OpOf } from "../../operations/types.js";
import type { TableSnapshot } from "../../snapshot/types.js";
import { applyOp, type RebuildOp } from "./apply-op.js";
import { addableInPlace, columnInUse } from "./in-place.js";

export interface InPlaceStep {
  readonly op: BatchInnerOp;
  /** The table as the ops before this one leave it (null when unknown: offline without copyFrom). */
  readonly table: TableSnapshot | null;
}

export interface BatchPlan {
  /** Ops run with ALTER TABLE, in order; with a recreate, the renames that follow it. */
  readonly inPlace: readonly InPlaceStep[];
  readonly recreate: {
    /** The table as it is. */
    readonly before: TableSnapshot;
    /** The table the copy creates; the renames in `inPlace` then give it its final names. */
    readonly after: TableSnapshot;
    /** Column of `after` → the column of `before` its values come from. */
    readonly origins: ReadonlyMap<string, string>;
  } | null;
}

export interface PlanInput {
  readonly table: string;
  readonly current: TableSnapshot | null;
  readonly ops: readonly BatchInnerOp[];
  readonly recreate: BatchRecreate;
  readonly offline: boolean;
}

export function planBatch(input: PlanInput): BatchPlan {
  const { current, ops } = input;
  const states: (TableSnapshot | null)[] = [];
  let sim = current;
  for (const op of ops) {
    states.push(sim);
    sim = sim && simulate(sim, op).table;
  }
  const needing = ops.findIndex((op, i) => !inPlace(states[i]!, op));
  if (input.recreate === "never" && needing >= 0) {
    const op = ops[needing]!;
    throw new AthanorError("MIGRATION",
      `batchAlterTable("${input.table}", { recreate: "never" }): ${describe(op)} needs the table recreated, which SQLite's ALTER TABLE cannot do; `
      + `use recreate: "auto" (the default) to allow the move-and-copy`, { operation: op.kind });
  }
  if (input.recreate === "auto" && needing < 0) {
    return { inPlace: ops.map((op, i) => ({ op, table: states[i]! })), recreate: null };
  }
  if (current === null) {
    const what = needing >= 0 ? describe(ops[needing]!) : `recreate: "always"`;
    throw new AthanorError("MIGRATION", input.offline
      ? `batchAlterTable("${input.table}"): ${what} needs SQLite's move-and-copy, which needs the table's current definition; `
        + `offline (--sql) give it as copyFrom: op.batchAlterTable("${input.table}", …, { copyFrom: { columns: { … }, … } })`
      : `batchAlterTable: table "${input.table}" does not exist`, { operation: "batchAlterTable" });
  }
  return withLeadingRenames(current, ops) ?? { inPlace: [], recreate: copyPlan(current, ops) };
}

/** The copy that turns `before` into what `ops` leave: the new table and where its columns come from. */
function copyPlan(before: TableSnapshot, ops: readonly BatchInnerOp[]): NonNullable<BatchPlan["recreate"]> {
  let table = before;
  let origins = new Map(before.columns.map((c) => [c.name, c.name] as const));
  for (const op of ops) {
    const step = simulate(table, op);
    const next = new Map<string, string>();
    const had = new Set(table.columns.map((c) => c.name));
    for (const c of step.table.columns) {
      const from = step.renamed.get(c.name) ?? (had.has(c.name) ? c.name : null);
      const origin = from === null ? undefined : origins.get(from);
      if (origin !== undefined) next.set(c.name, origin);
    }
    table = step.table;
    origins = next;
  }
  return { before, after: table, origins };
}

/**
 * Leading renames run in place AFTER the copy (which keeps the old names): ALTER TABLE RENAME
 * COLUMN rewrites the views, the recreated triggers and other tables' foreign keys that name the
 * column, which a copy could not. Null when that cannot be arranged (an old name taken again).
 */
function withLeadingRenames(current: TableSnapshot, ops: readonly BatchInnerOp[]): BatchPlan | null {
  let prefix = 0;
  while (prefix < ops.length && isRenameOnly(ops[prefix]!)) prefix++;
  if (prefix === 0) return null;
  const renames = ops.slice(0, prefix) as OpOf<"alterColumn">[];
  let renamed = current;
  for (const op of renames) renamed = simulate(renamed, op).table;
  const plan = copyPlan(renamed, ops.slice(prefix));
  // Give the copied table its old names back, last rename first.
  let after = plan.after;
  const origins = new Map(plan.origins);
  const kept: OpOf<"alterColumn">[] = [];
  for (const op of [...renames].reverse()) {
    const to = op.changes.newName!;
    const col = after.columns.find((c) => same(c.name, to));
    if (!col) continue; // dropped later in the batch: nothing to rename
    if (after.columns.some((c) => same(c.name, op.column))) return null;
    const back = applyOp(after, { ...op, column: col.name, changes: { newName: op.column } });
    after = back.table;
    const origin = origins.get(col.name);
    origins.delete(col.name);
    if (origin !== undefined) origins.set(op.column, origin);
    kept.unshift(op);
  }
  // Origins name the renamed table's columns; map them to the table as it is.
  const original = new Map<string, string>();
  for (const [name, origin] of origins) original.set(name, sourceBeforeRenames(origin, renames));
  let state: TableSnapshot | null = after;
  const inPlace = kept.map((op) => {
    const step = { op, table: state };
    state = state && simulate(state, op).table;
    return step;
  });
  return { inPlace, recreate: { before: current, after, origins: original } };
}

/** The column of the original table that `name` (after the renames) came from. */
function sourceBeforeRenames(name: string, renames: readonly OpOf<"alterColumn">[]): string {
  let current = name;
  for (const op of [...renames].reverse()) if (same(op.changes.newName!, current)) current = op.column;
  return current;
}

/** True when ALTER TABLE does the op on the table as it stands. */
function inPlace(table: TableSnapshot | null, op: BatchInnerOp): boolean {
  switch (op.kind) {
    case "addColumn":
      return addableInPlace(op.column);
    case "dropColumn":
      return table === null || !columnInUse(table, op.column.name);
    case "alterColumn":
      return isRenameOnly(op) || Object.keys(op.changes).every((k) => k === "comment");
    case "createIndex":
    case "dropIndex":
    case "createTableComment":
    case "dropTableComment":
      return true;
    default:
      return false;
  }
}

function isRenameOnly(op: BatchInnerOp): boolean {
  return op.kind === "alterColumn" && op.changes.newName !== undefined && op.changes.newName !== op.column
    && Object.entries(op.changes).every(([k, v]) => k === "newName" || k === "comment" || v === undefined);
}

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** The table an op leaves, with the columns it renamed (new → old). */
function simulate(t: TableSnapshot, op: BatchInnerOp): { table: TableSnapshot; renamed: ReadonlyMap<string, string> } {
  const none = new Map<string, string>();
  switch (op.kind) {
    case "createIndex":
      if (t.indexes.some((i) => same(i.name, op.index.name))) {
        throw new AthanorError("MIGRATION", `createIndex: table "${t.name}" already has an index "${op.index.name}"`, { operation: op.kind });
      }
      return { table: { ...t, indexes: [...t.indexes, op.index] }, renamed: none };
    case "dropIndex":
      if (!t.indexes.some((i) => same(i.name, op.index.name))) {
        throw new AthanorError("MIGRATION", `dropIndex: table "${t.name}" has no index "${op.index.name}"`, { operation: op.kind });
      }
      return { table: { ...t, indexes: t.indexes.filter((i) => !same(i.name, op.index.name)) }, renamed: none };
    case "createTableComment":
    case "dropTableComment":
      return { table: t, renamed: none }; // SQLite stores no comments
    default:
      return applyOp(t, op as RebuildOp);
  }
}

export function describe(op: BatchInnerOp): string {
  switch (op.kind) {
    case "addColumn": case "dropColumn": return `${op.kind} "${op.column.name}"`;
    case "alterColumn": return `alterColumn "${op.column}" (${Object.keys(op.changes).join(", ")})`;
    case "createIndex": case "dropIndex": return `${op.kind} "${op.index.name}"`;
    case "createUniqueConstraint": return `createUniqueConstraint ${op.unique.name ? `"${op.unique.name}"` : `(${op.unique.columns.join(", ")})`}`;
    case "createForeignKey": return `createForeignKey ${op.foreignKey.name ? `"${op.foreignKey.name}"` : `(${op.foreignKey.columns.join(", ")})`}`;
    case "createCheckConstraint": return `createCheckConstraint ${op.check.name ? `"${op.check.name}"` : `(${op.check.expression})`}`;
    case "createPrimaryKey": return `createPrimaryKey (${op.primaryKey.columns.join(", ")})`;
    case "dropConstraint": return `dropConstraint "${op.name}" (${op.type})`;
    default: return op.kind;
  }
}
