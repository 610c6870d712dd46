/**
 * op.batchAlterTable on SQLite: the ops ALTER TABLE can do run in place; everything else is
 * applied with ONE move-and-copy for the whole batch, which keeps rows, rowids, the
 * AUTOINCREMENT counter, collations, deferrable keys, triggers and the foreign keys pointing in,
 * and ends with foreign_key_check and integrity_check (a failure rolls the revision back).
 */
import type { CompileContext } from "../dialect.js";
import { AthanorError } from "../../errors.js";
import type { Op, OpOf, TableRef } from "../../operations/types.js";
import type { TableSnapshot } from "../../snapshot/types.js";
import { mentions } from "./apply-op.js";
import { afterRecreateChecks, closeChecks, failWhen, foreignKeysOffCheck, openChecks } from "./batch-checks.js";
import { planBatch } from "./batch-plan.js";
import { quoteIdentifier as q, quoteString } from "./quoting.js";
import { recreateStatements } from "./rebuild.js";
import { tableName } from "./render-table.js";
import { readSurroundings, type SchemaObject, type Surroundings } from "./surroundings.js";
import { NO_EXTRAS } from "./table-extras.js";
import { identName, isWord, tokenize } from "./tokens.js";

type Compile = (op: Op, ctx: CompileContext) => Promise<string[]>;

/** RAISE takes an expression (a message naming the row) from SQLite 3.46.0 on. */
const RAISE_EXPRESSION_VERSION = 3_046_000;

export async function compileBatch(op: OpOf<"batchAlterTable">, ctx: CompileContext, compile: Compile): Promise<string[]> {
  const ref: TableRef = { schema: op.schema, table: op.table };
  // Online the database is the truth; copyFrom stands in only when there is nothing to reflect.
  const reflected = await ctx.reflectTable(ref);
  const current = reflected ?? (ctx.offline ? op.copyFrom : null);
  const plan = planBatch({ table: op.table, current, ops: op.ops, recreate: op.recreate, offline: ctx.offline });
  const inPlace: string[] = [];
  for (const step of plan.inPlace) inPlace.push(...await compile(step.op, withTable(ctx, ref, step.table)));
  if (!plan.recreate) return inPlace;

  const { before, after, origins } = plan.recreate;
  const around = ctx.query && !ctx.offline ? await readSurroundings(ctx.query, op.schema, op.table) : null;
  const extras = around?.extras ?? NO_EXTRAS;
  if (extras.generated.length > 0) {
    throw new AthanorError("MIGRATION",
      `batchAlterTable("${op.table}"): the table has generated column(s) ${extras.generated.map((c) => `"${c}"`).join(", ")}, `
      + "which a move-and-copy cannot write; change this table with op.execute", { operation: "batchAlterTable" });
  }
  const kept = new Set([...origins.values()].map((c) => c.toLowerCase()));
  const removed = before.columns.map((c) => c.name).filter((c) => !kept.has(c.toLowerCase()));
  if (around) refuseBrokenTriggers(op.table, around, removed);

  return [
    ...openChecks(),
    ...foreignKeysOffCheck(op.table),
    ...(around ? [] : offlineTriggerCheck(op.schema, op.table)),
    ...recreateStatements({ before, after, origins, extras }),
    // DROP TABLE took the table's triggers with it.
    ...(around?.triggers ?? []).map((t) => inSchema(t.sql, op.schema)),
    // Renames last, so they rewrite the triggers, views and foreign keys that name the columns.
    ...inPlace,
    // Views naming the table survive the swap as text; selecting from them proves they still resolve.
    ...(around?.dependents ?? []).filter((d) => d.type === "view")
      .map((v) => `SELECT * FROM ${tableName(op.schema, v.name)} LIMIT 0 -- view "${v.name}" must still resolve after recreating "${op.table}"`),
    ...afterRecreateChecks({
      schema: op.schema,
      table: op.table,
      tables: around ? [op.table, ...around.children] : null,
      detailed: around !== null && around.version >= RAISE_EXPRESSION_VERSION,
    }),
    ...closeChecks(),
  ];
}

/** The compile context with this table as the batch's previous ops left it. */
function withTable(ctx: CompileContext, ref: TableRef, table: TableSnapshot | null): CompileContext {
  const query = ctx.query?.bind(ctx);
  return {
    offline: ctx.offline,
    reflectTable: async (r) => (r.table === ref.table && r.schema === ref.schema ? table : ctx.reflectTable(r)),
    ...(query ? { query } : {}),
  };
}

/**
 * SQLite does not check a trigger's body when it is created, so a trigger that uses a column
 * the batch drops or renames would fail only when it fires: stop now and name it.
 */
function refuseBrokenTriggers(table: string, around: Surroundings, removed: readonly string[]): void {
  if (removed.length === 0) return;
  const triggers: SchemaObject[] = [...around.triggers, ...around.dependents.filter((d) => d.type === "trigger")];
  const broken = triggers
    .map((t) => ({ t, columns: removed.filter((c) => mentions(t.sql, c)) }))
    .filter((b) => b.columns.length > 0);
  if (broken.length === 0) return;
  const list = broken.map((b) => `trigger "${b.t.name}" (uses ${b.columns.map((c) => `"${c}"`).join(", ")})`).join(", ");
  throw new AthanorError("MIGRATION",
    `batchAlterTable("${table}"): ${list} would break, because the batch drops or renames ${broken.length === 1 ? "that column" : "those columns"}; `
    + "drop the trigger before the batch (op.execute) and create it again after", { operation: "batchAlterTable" });
}

/** A trigger's stored CREATE text, re-run in the table's schema (the text never names one). */
function inSchema(sql: string, schema: string | null): string {
  if (schema === null) return sql;
  const tokens = tokenize(sql);
  let i = tokens.findIndex((t) => isWord(t, "TRIGGER"));
  if (i < 0) return sql;
  i++;
  if (isWord(tokens[i], "IF") && isWord(tokens[i + 1], "NOT") && isWord(tokens[i + 2], "EXISTS")) i += 3;
  const name = tokens[i];
  if (!name || identName(name) === null) return sql;
  return `${sql.slice(0, name.start)}${q(schema)}.${sql.slice(name.start)}`;
}

/**
 * Offline the table's triggers cannot be read, so they cannot be created again after DROP TABLE
 * removes them: the script stops, when it runs, rather than lose them silently.
 */
function offlineTriggerCheck(schema: string | null, table: string): string[] {
  const message = `table "${table}" has triggers, which a recreate written offline (--sql) cannot carry over: `
    + "drop them before the batch (op.execute) and create them again after, or run the upgrade online";
  return failWhen(`SELECT 'x' AS problem FROM ${q(schema ?? "main")}.sqlite_schema WHERE type = 'trigger' AND lower(tbl_name) = lower(${quoteString(table)})`, message);
}
