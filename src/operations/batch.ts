/**
 * Batch mode: `op.batchAlterTable(table, async (batch) => { … })` gathers a table's alterations
 * into one op. SQLite (a dialect that `prefersBatch`) applies them with at most one move-and-copy;
 * every other dialect runs the inner ops one by one as plain ALTERs, so one revision file
 * serves every database.
 */
import type { CompileContext } from "../dialects/dialect.js";
import { AthanorError } from "../errors.js";
import type { TableSnapshot } from "../snapshot/types.js";
import type { AlterColumnOptions, ForeignKeyOptions, Operations, OpSink } from "./operations.js";
import type { ColumnSpec, IndexSpec } from "./spec.js";
import { tableFromSpec, type TableSpecOptions } from "./table-spec.js";
import type { BatchInnerOp, BatchRecreate, ConstraintType, Op, OpOf, TableRef } from "./types.js";

/** The table as it is before the batch, spelled like createTable's arguments. */
export interface CopyFromSpec extends TableSpecOptions {
  readonly columns: Record<string, ColumnSpec>;
}

export interface BatchAlterOptions {
  /** "auto" (default): recreate the table only when an op needs it; "always"; "never": fail instead. */
  readonly recreate?: BatchRecreate;
  /** The table's definition for offline (--sql) runs, where it cannot be reflected. */
  readonly copyFrom?: CopyFromSpec | null;
  readonly schema?: string | null;
}

const INNER_KINDS: ReadonlySet<string> = new Set<BatchInnerOp["kind"]>([
  "addColumn", "dropColumn", "alterColumn", "createIndex", "dropIndex", "createUniqueConstraint", "createForeignKey",
  "createCheckConstraint", "createPrimaryKey", "dropConstraint", "createTableComment", "dropTableComment",
]);

export function isBatchInnerOp(op: Op): op is BatchInnerOp {
  return INNER_KINDS.has(op.kind);
}

const RECREATE: readonly BatchRecreate[] = ["auto", "always", "never"];

export function checkRecreate(table: string, value: unknown): BatchRecreate {
  if (value === undefined) return "auto";
  if (!RECREATE.includes(value as BatchRecreate)) {
    throw new AthanorError("USAGE", `batchAlterTable("${table}"): recreate must be "auto", "always" or "never", not ${JSON.stringify(value)}`, { operation: "batchAlterTable" });
  }
  return value as BatchRecreate;
}

export function copyFromTable(ref: TableRef, spec: CopyFromSpec): TableSnapshot {
  if (typeof spec !== "object" || spec === null) {
    throw new AthanorError("USAGE", `batchAlterTable("${ref.table}"): copyFrom must be the table's definition: { columns: { … }, primaryKey, foreignKeys, uniques, indexes, checks }`, { operation: "batchAlterTable" });
  }
  return tableFromSpec(ref.schema, ref.table, spec.columns, spec, "batchAlterTable copyFrom");
}

/**
 * A sink that keeps the ops a batch's callback builds instead of running them. Reflection falls
 * back on copyFrom when there is nothing to reflect, so `existing` details work offline too.
 */
export function collectingSink(parent: OpSink, ref: TableRef, copyFrom: TableSnapshot | null, into: BatchInnerOp[]): OpSink {
  return {
    dialectName: parent.dialectName,
    async run(op) {
      if (!isBatchInnerOp(op)) {
        throw new AthanorError("USAGE", `batchAlterTable("${ref.table}"): ${op.kind} cannot run inside a batch`, { operation: op.kind });
      }
      into.push(op);
    },
    async reflectTable(r) {
      const reflected = await parent.reflectTable(r);
      if (reflected === null && copyFrom && r.table === ref.table && r.schema === ref.schema) return copyFrom;
      return reflected;
    },
    async autocommit() {
      throw new AthanorError("USAGE", `batchAlterTable("${ref.table}"): autocommitBlock cannot run inside a batch`, { operation: "batchAlterTable" });
    },
  };
}

type NoSchema<T> = Omit<T, "schema">;

/** `batch` inside op.batchAlterTable: the table operations of `op`, without their table argument. */
export class BatchOperations {
  readonly #op: Operations;
  readonly #table: string;
  readonly #schema: { readonly schema: string | null };

  constructor(collector: Operations, ref: TableRef) {
    this.#op = collector;
    this.#table = ref.table;
    this.#schema = { schema: ref.schema };
  }

  addColumn(name: string, column: ColumnSpec): Promise<void> {
    return this.#op.addColumn(this.#table, name, column, this.#schema);
  }

  dropColumn(name: string): Promise<void> {
    return this.#op.dropColumn(this.#table, name, this.#schema);
  }

  alterColumn(name: string, options: NoSchema<AlterColumnOptions>): Promise<void> {
    return this.#op.alterColumn(this.#table, name, { ...options, ...this.#schema });
  }

  createIndex(name: string, columns: IndexSpec["columns"], options: { unique?: boolean; where?: string | null } = {}): Promise<void> {
    return this.#op.createIndex(name, this.#table, columns, { ...options, ...this.#schema });
  }

  dropIndex(name: string): Promise<void> {
    return this.#op.dropIndex(name, this.#table, this.#schema);
  }

  createUniqueConstraint(name: string | null, columns: readonly string[]): Promise<void> {
    return this.#op.createUniqueConstraint(name, this.#table, columns, this.#schema);
  }

  createForeignKey(
    name: string | null, referent: string, localCols: readonly string[], remoteCols: readonly string[],
    options: NoSchema<Omit<ForeignKeyOptions, "sourceSchema">> = {},
  ): Promise<void> {
    return this.#op.createForeignKey(name, this.#table, referent, localCols, remoteCols, { ...options, sourceSchema: this.#schema.schema });
  }

  createCheckConstraint(name: string | null, condition: string): Promise<void> {
    return this.#op.createCheckConstraint(name, this.#table, condition, this.#schema);
  }

  createPrimaryKey(name: string | null, columns: readonly string[]): Promise<void> {
    return this.#op.createPrimaryKey(name, this.#table, columns, this.#schema);
  }

  dropConstraint(name: string, options: { type: ConstraintType }): Promise<void> {
    return this.#op.dropConstraint(name, this.#table, { ...options, ...this.#schema });
  }

  createTableComment(comment: string, options: { existingComment?: string | null } = {}): Promise<void> {
    return this.#op.createTableComment(this.#table, comment, { ...options, ...this.#schema });
  }

  dropTableComment(options: { existingComment?: string | null } = {}): Promise<void> {
    return this.#op.dropTableComment(this.#table, { ...options, ...this.#schema });
  }
}

/** What a dialect without batch support runs for an op: a batch's inner ops, or the op itself. */
export function expandBatch(op: Op): readonly Op[] {
  return op.kind === "batchAlterTable" ? op.ops : [op];
}

/** The reverse of a batch: its ops reversed, in reverse order, as one batch. */
export function reverseBatch(op: OpOf<"batchAlterTable">, reverseOps: (ops: readonly Op[]) => Op[]): Op {
  const ops = reverseOps(op.ops);
  const inner = ops.filter(isBatchInnerOp);
  if (inner.length !== ops.length) throw new Error("the reverse of a batch op left the batch");
  // The table before the downgrade is the one the upgrade produced, which copyFrom does not describe.
  return { ...op, ops: inner, copyFrom: null };
}

const tableKey = (schema: string | null, table: string): string => `${schema ?? ""}\u0000${table}`;

/**
 * Autogenerate's ops with each table's alterations gathered into batches (render_as_batch).
 * A table's batch takes the place of its last alteration, so on SQLite it is rebuilt once.
 * A foreign key dropped or added that points at another table altered in the same revision
 * keeps its own place (in a batch of its own), because on databases that run batches as plain
 * ALTERs the order between the two tables matters: the key must go before the referenced
 * column or key changes, and come back after.
 */
export function groupIntoBatches(ops: readonly Op[]): Op[] {
  const altered = new Set<string>();
  for (const op of ops) if (isBatchInnerOp(op)) altered.add(tableKey(op.schema, op.table));
  const pinned = (op: BatchInnerOp): boolean => {
    const fk = op.kind === "createForeignKey" ? op.foreignKey
      : op.kind === "dropConstraint" && op.type === "foreignkey" ? op.prior as { referredSchema?: string | null; referredTable?: string } | undefined
      : undefined;
    if (!fk || fk.referredTable === undefined) return false;
    const target = tableKey(fk.referredSchema ?? op.schema, fk.referredTable);
    return target !== tableKey(op.schema, op.table) && altered.has(target);
  };
  const last = new Map<string, number>();
  ops.forEach((op, i) => { if (isBatchInnerOp(op) && !pinned(op)) last.set(tableKey(op.schema, op.table), i); });

  type Slot = { readonly op: Op } | { readonly ref: TableRef; readonly inner: BatchInnerOp[]; readonly pinned: boolean };
  const slots: Slot[] = [];
  const gathered = new Map<string, BatchInnerOp[]>();
  ops.forEach((op, i) => {
    if (!isBatchInnerOp(op)) {
      slots.push({ op });
      return;
    }
    const key = tableKey(op.schema, op.table);
    if (pinned(op)) {
      const prev = slots[slots.length - 1];
      if (prev && "inner" in prev && prev.pinned && tableKey(prev.ref.schema, prev.ref.table) === key) prev.inner.push(op);
      else slots.push({ ref: { schema: op.schema, table: op.table }, inner: [op], pinned: true });
      return;
    }
    const list = gathered.get(key) ?? [];
    list.push(op);
    gathered.set(key, list);
    if (last.get(key) === i) slots.push({ ref: { schema: op.schema, table: op.table }, inner: list, pinned: false });
  });
  return slots.map((s): Op => ("op" in s ? s.op : { kind: "batchAlterTable", ...s.ref, ops: s.inner, recreate: "auto", copyFrom: null }));
}

/**
 * A batch compiled as its inner ops' own statements, for dialects without batch support when
 * something calls compile directly (the runner expands batches itself, so each inner op
 * reflects the table as the previous ones left it).
 */
export async function compileInline(
  op: OpOf<"batchAlterTable">, ctx: CompileContext, compile: (op: Op, ctx: CompileContext) => Promise<string[]>,
): Promise<string[]> {
  const statements: string[] = [];
  for (const inner of op.ops) statements.push(...await compile(inner, ctx));
  return statements;
}
