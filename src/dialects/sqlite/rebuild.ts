/**
 * SQLite's "move and copy": ALTER TABLE cannot change a column or a constraint, so the table is
 * created anew under a temporary name, the rows copied, the old table dropped and the new one
 * renamed into place. Our connections keep foreign keys OFF, so the drop fires no cascade.
 */
import type { CompileContext } from "../dialect.js";
import type { TableSnapshot } from "../../snapshot/types.js";
import { AthanorError } from "../../errors.js";
import { applyOp, type Rebuilt, type RebuildOp } from "./apply-op.js";
import { copyExpression } from "./affinity.js";
import { quoteIdentifier as q, quoteString } from "./quoting.js";
import { createIndexSql, createTableSql, tableName } from "./render-table.js";
import { deferrableClause, NO_EXTRAS, type TableExtras } from "./table-extras.js";

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
  const existing = new Set(current.columns.map((c) => c.name));
  const origins = new Map<string, string>();
  for (const c of next.table.columns) {
    const source = next.renamed.get(c.name) ?? c.name;
    if (existing.has(source)) origins.set(c.name, source);
  }
  return recreateStatements({ before: current, after: next.table, origins });
}

export interface Recreate {
  /** The table as it is. */
  readonly before: TableSnapshot;
  /** The table to leave in its place (same name). */
  readonly after: TableSnapshot;
  /** Column of `after` → the column of `before` whose values it takes; absent for new columns. */
  readonly origins: ReadonlyMap<string, string>;
  /** What the old table's CREATE text said beyond its snapshot. */
  readonly extras?: TableExtras;
}

/**
 * Move and copy: create `after` under a temporary name, copy the rows (casting where a type's
 * affinity changes, keeping rowids), drop the old table, rename the new one into place and
 * create its indexes. Our connections keep foreign keys OFF, so the drop fires no cascade.
 */
export function recreateStatements(r: Recreate): string[] {
  const { before, after } = r;
  const extras = r.extras ?? NO_EXTRAS;
  const schema = before.schema;
  const tmp = `_athanor_tmp_${before.name}`;
  const beforeColumn = new Map(before.columns.map((c) => [c.name, c]));
  const originOf = (name: string): string | null => r.origins.get(name) ?? null;
  const copied = after.columns
    .filter((c) => originOf(c.name) !== null && beforeColumn.has(originOf(c.name)!))
    .map((c) => ({ target: q(c.name), source: copyExpression(q(originOf(c.name)!), beforeColumn.get(originOf(c.name)!)!.type, c.type) }));

  const aliasBefore = rowidAlias(before);
  const aliasAfter = rowidAlias(after);
  const withoutRowid = extras.options !== null && /\bWITHOUT\s+ROWID\b/i.test(extras.options);
  // A rowid table without an INTEGER PRIMARY KEY keeps its rowids too: other tables (FTS
  // content, application caches) may point at them.
  const rowid = !withoutRowid && aliasAfter === null ? freeRowidName(before, after) : null;
  if (rowid !== null) copied.unshift({ target: rowid, source: aliasBefore !== null ? q(aliasBefore) : rowid });
  const keepsAutoincrement = aliasAfter !== null && extras.autoincrement !== null
    && (originOf(aliasAfter) ?? "").toLowerCase() === extras.autoincrement.toLowerCase();
  const statements = [
    // A leftover from an interrupted run outside a transaction would block the CREATE.
    `DROP TABLE IF EXISTS ${tableName(schema, tmp)}`,
    createTableSql({ ...after, schema }, tmp, {
      autoincrement: keepsAutoincrement,
      collation: (column) => {
        const origin = originOf(column);
        return origin === null ? null : extras.collations.get(origin.toLowerCase()) ?? null;
      },
      foreignKeySuffix: (fk) => deferrableClause(extras, fk, originOf),
      options: extras.options,
    }),
  ];
  if (copied.length > 0) {
    statements.push(`INSERT INTO ${tableName(schema, tmp)} (${copied.map((c) => c.target).join(", ")}) `
      + `SELECT ${copied.map((c) => c.source).join(", ")} FROM ${tableName(schema, before.name)}`);
  }
  if (keepsAutoincrement) {
    // The counter may be past the highest surviving key (deleted rows): carry it over so
    // AUTOINCREMENT never hands out a used key again. DROP deletes the old counter, RENAME moves the new.
    const seq = tableName(schema, "sqlite_sequence");
    statements.push(
      `DELETE FROM ${seq} WHERE name = ${quoteString(tmp)}`,
      `INSERT INTO ${seq} (name, seq) SELECT ${quoteString(tmp)}, seq FROM ${seq} WHERE name = ${quoteString(before.name)}`,
    );
  }
  statements.push(
    `DROP TABLE ${tableName(schema, before.name)}`,
    // Views naming the table are dangling between the drop and the rename; the modern rename
    // would reject the schema for them, the legacy one leaves them alone (they resolve again after).
    "PRAGMA legacy_alter_table = ON",
    `ALTER TABLE ${tableName(schema, tmp)} RENAME TO ${q(after.name)}`,
    "PRAGMA legacy_alter_table = OFF",
    ...after.indexes.map((i) => createIndexSql(schema, after.name, i)),
  );
  return statements;
}

/** The column that is the rowid (a lone INTEGER PRIMARY KEY rendered inline), or null. */
function rowidAlias(t: TableSnapshot): string | null {
  const pk = t.primaryKey;
  if (!pk || pk.columns.length !== 1) return null;
  const c = t.columns.find((x) => x.name === pk.columns[0]);
  return c?.autoincrement ? c.name : null;
}

/** A name for the rowid that no column of either table hides. */
function freeRowidName(before: TableSnapshot, after: TableSnapshot): string | null {
  const names = new Set([...before.columns, ...after.columns].map((c) => c.name.toLowerCase()));
  return ["rowid", "_rowid_", "oid"].find((n) => !names.has(n)) ?? null;
}
