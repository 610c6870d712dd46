/** Compile ops to SQLite statements: in place where ALTER TABLE can, by move-and-copy otherwise. */
import type { CompileContext } from "../dialect.js";
import { assertNever, type Op, type OpOf } from "../../operations/types.js";
import { compileBatch } from "./batch.js";
import { addableInPlace, columnInUse } from "./in-place.js";
import { literal, quoteIdentifier as q } from "./quoting.js";
import { rebuildFor } from "./rebuild.js";
import { columnDef, createIndexSql, createTableSql, tableName } from "./render-table.js";

const ROWS_PER_INSERT = 500;

export async function compile(op: Op, ctx: CompileContext): Promise<string[]> {
  switch (op.kind) {
    case "createTable":
      return [createTableSql(op.table), ...op.table.indexes.map((i) => createIndexSql(op.table.schema, op.table.name, i))];
    case "dropTable":
      return [`DROP TABLE ${tableName(op.table.schema, op.table.name)}`];
    case "renameTable":
      return [`ALTER TABLE ${tableName(op.schema, op.from)} RENAME TO ${q(op.to)}`];
    case "addColumn":
      return addableInPlace(op.column)
        ? [`ALTER TABLE ${tableName(op.schema, op.table)} ADD COLUMN ${columnDef(op.column)}`]
        : rebuildFor(op, ctx);
    case "dropColumn":
      return dropColumn(op, ctx);
    case "alterColumn":
      return alterColumn(op, ctx);
    case "createIndex":
      return [createIndexSql(op.schema, op.table, op.index)];
    case "dropIndex":
      return [`DROP INDEX ${tableName(op.schema, op.index.name)}`];
    case "createUniqueConstraint":
    case "createForeignKey":
    case "createCheckConstraint":
    case "createPrimaryKey":
    case "dropConstraint":
      return rebuildFor(op, ctx);
    // SQLite stores no comments and has no enum types (enums are VARCHAR columns).
    case "createTableComment":
    case "dropTableComment":
    case "createEnum":
    case "dropEnum":
    case "addEnumValue":
    case "replaceEnum":
      return [];
    case "execute":
      return [op.sql];
    case "bulkInsert":
      return bulkInsert(op);
    case "batchAlterTable":
      return compileBatch(op, ctx, compile);
    default:
      return assertNever(op, "operation");
  }
}

async function dropColumn(op: OpOf<"dropColumn">, ctx: CompileContext): Promise<string[]> {
  const name = op.column.name;
  const current = await ctx.reflectTable({ schema: op.schema, table: op.table });
  // Offline we cannot know whether a key, an index or a check uses the column.
  if (current !== null && columnInUse(current, name)) return rebuildFor(op, ctx);
  return [`ALTER TABLE ${tableName(op.schema, op.table)} DROP COLUMN ${q(name)}`];
}

async function alterColumn(op: OpOf<"alterColumn">, ctx: CompileContext): Promise<string[]> {
  const { newName, comment: _comment, ...structural } = op.changes;
  const changesStructure = Object.values(structural).some((v) => v !== undefined);
  if (changesStructure) return rebuildFor(op, ctx);
  if (newName !== undefined && newName !== op.column) {
    return [`ALTER TABLE ${tableName(op.schema, op.table)} RENAME COLUMN ${q(op.column)} TO ${q(newName)}`];
  }
  return []; // only a comment, which SQLite does not store
}

function bulkInsert(op: OpOf<"bulkInsert">): string[] {
  const statements: string[] = [];
  // Rows naming the same columns share an INSERT, so a column a row leaves out gets its default.
  let group: Record<string, unknown>[] = [];
  let signature = "";
  const flush = (): void => {
    if (group.length === 0) return;
    const cols = Object.keys(group[0]!);
    const values = group.map((r) => `(${cols.map((c) => literal(r[c])).join(", ")})`);
    statements.push(cols.length === 0
      ? `INSERT INTO ${tableName(op.schema, op.table)} DEFAULT VALUES`
      : `INSERT INTO ${tableName(op.schema, op.table)} (${cols.map(q).join(", ")}) VALUES ${values.join(", ")}`);
    group = [];
  };
  for (const row of op.rows) {
    const sig = JSON.stringify(Object.keys(row));
    if (sig !== signature || group.length >= ROWS_PER_INSERT || Object.keys(row).length === 0) flush();
    signature = sig;
    group.push(row);
  }
  flush();
  return statements;
}
