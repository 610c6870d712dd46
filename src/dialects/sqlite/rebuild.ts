/**
 * SQLite's "move and copy": ALTER TABLE cannot change a column or a constraint, so the table is
 * created anew under a temporary name, the rows copied, the old table dropped and the new one
 * renamed into place. Our connections keep foreign keys OFF, so the drop fires no cascade.
 */
import type { CompileContext } from "../dialect.js";
import type { TableSnapshot } from "../../snapshot/types.js";
import { AthanorError } from "../../errors.js";
import { applyOp, type Rebuilt, type RebuildOp } from "./apply-op.js";
import { quoteIdentifier as q } from "./quoting.js";
import { createIndexSql, createTableSql, tableName } from "./render-table.js";

export async function rebuildFor(op: RebuildOp, ctx: CompileContext): Promise<string[]> {
  const current = await ctx.reflectTable({ schema: op.schema, table: op.table });
  if (!current) {
    if (ctx.offline) {
      throw new AthanorError("MIGRATION",
        `${op.kind} on table "${op.table}" needs SQLite's move-and-copy, which reads the table's current definition; `
        + `offline (--sql) this needs batch mode with copyFrom (op.batchAlterTable("${op.table}", …, { copyFrom }))`,
        { operation: op.kind });
    }
    throw new AthanorError("MIGRATION", `${op.kind}: table "${op.table}" does not exist`, { operation: op.kind });
  }
  return rebuild(current, applyOp(current, op));
}

/** The statements that turn `current` into `next.table`, keeping every row. */
export function rebuild(current: TableSnapshot, next: Rebuilt): string[] {
  const schema = current.schema;
  const tmp = `_athanor_tmp_${current.name}`;
  const existing = new Set(current.columns.map((c) => c.name));
  const copied = next.table.columns
    .map((c) => ({ target: c.name, source: next.renamed.get(c.name) ?? c.name }))
    .filter((c) => existing.has(c.source));
  const statements = [
    // A leftover from an interrupted run outside a transaction would block the CREATE.
    `DROP TABLE IF EXISTS ${tableName(schema, tmp)}`,
    createTableSql({ ...next.table, schema }, tmp),
  ];
  if (copied.length > 0) {
    statements.push(`INSERT INTO ${tableName(schema, tmp)} (${copied.map((c) => q(c.target)).join(", ")}) `
      + `SELECT ${copied.map((c) => q(c.source)).join(", ")} FROM ${tableName(schema, current.name)}`);
  }
  statements.push(
    `DROP TABLE ${tableName(schema, current.name)}`,
    // Views naming the table are dangling between the drop and the rename; the modern rename
    // would reject the schema for them, the legacy one leaves them alone (they resolve again after).
    "PRAGMA legacy_alter_table = ON",
    `ALTER TABLE ${tableName(schema, tmp)} RENAME TO ${q(next.table.name)}`,
    "PRAGMA legacy_alter_table = OFF",
    ...next.table.indexes.map((i) => createIndexSql(schema, next.table.name, i)),
  );
  return statements;
}
