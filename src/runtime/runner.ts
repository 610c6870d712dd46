import type { Connection, Dialect } from "../dialects/dialect.js";
import { AthanorError, isAthanorError } from "../errors.js";
import type { TableRef } from "../operations/types.js";
import type { TableSnapshot } from "../snapshot/types.js";
import { revisionChecksum } from "./checksum.js";
import type { HistoryTable } from "./history-table.js";
import type { ModuleLoader } from "./load-module.js";
import { runRevision } from "./run-revision.js";
import { recoveryAdvice, StepProgress } from "./step-progress.js";
import type { VersionTable } from "./version-table.js";

export interface RevisionRef {
  readonly revision: string;
  readonly message: string;
  readonly path: string;
}

export interface MigrationStep {
  readonly revision: RevisionRef;
  readonly direction: "up" | "down";
  /** Version rows before and after this step. */
  readonly rowsBefore: readonly string[];
  readonly rowsAfter: readonly string[];
}

/** Where statements go: executed on a connection, or written out as a script. */
export interface StatementTarget {
  readonly offline: boolean;
  run(sql: string): Promise<void>;
  reflectTable(ref: TableRef): Promise<TableSnapshot | null>;
  /** Catalog reads for compile (online only). */
  query?(sql: string, params?: readonly unknown[]): Promise<Record<string, unknown>[]>;
}

export interface RunnerEvents {
  onStepStart?(step: MigrationStep): void;
  onStepDone?(step: MigrationStep, ms: number): void;
  onStatement?(sql: string): void;
}

export interface RunOptions {
  readonly dialect: Dialect;
  readonly target: StatementTarget;
  readonly versionTable: VersionTable;
  /** The audit trail; each step appends its row in its own transaction. Null: no audit trail. */
  readonly history?: HistoryTable | null;
  readonly loader: ModuleLoader;
  readonly transactionPerMigration: boolean;
  readonly events?: RunnerEvents;
  /** Checked between steps: once aborted, the run stops after the step in progress. */
  readonly signal?: AbortSignal;
  /** The command a user reruns after fixing a failure, for messages ("athanor upgrade head"). */
  readonly command?: string;
}

/** An online target: statements run on the connection. */
export function connectionTarget(conn: Connection, dialect: Dialect, excludeTable: (schema: string | null, name: string) => boolean): StatementTarget {
  return {
    offline: false,
    run: (sql) => conn.execute(sql),
    query: (sql, params) => conn.query(sql, params),
    async reflectTable(ref) {
      const snap = await dialect.introspect(conn, {
        schemas: [ref.schema],
        excludeTable: (schema, name) => name !== ref.table || excludeTable(schema, name),
      });
      return snap.tables.find((t) => t.name === ref.table) ?? null;
    },
  };
}

/** Revisions whose files load while the one before them runs (see ModuleLoader.prefetch). */
const LOOKAHEAD = 8;

const rowsText = (rows: readonly string[]): string => rows.join(", ") || "<base>";

/**
 * Runs migration steps: each revision's ops, its version-table update and its history row, in
 * one transaction where the dialect has transactional DDL (or one for the whole run when
 * transactionPerMigration is false). Where DDL commits as it runs, progress is recorded after
 * each revision, and a failure lists what the failing revision had already applied.
 */
export async function runSteps(steps: readonly MigrationStep[], o: RunOptions): Promise<void> {
  const transactional = o.dialect.transactionalDdl;
  const exec = async (sql: string) => {
    o.events?.onStatement?.(sql);
    await o.target.run(sql);
  };
  const wholeRun = transactional && !o.transactionPerMigration && steps.length > 0;
  const perStep = transactional && o.transactionPerMigration;
  /** The version rows known to be committed: what the database says if the run stops now. */
  let durableRows = steps[0]?.rowsBefore ?? [];
  let open = wholeRun;
  if (wholeRun) await exec(o.dialect.begin);
  try {
    for (const [index, step] of steps.entries()) {
      if (o.signal?.aborted) throw interrupted(steps, index, wholeRun);
      const started = Date.now();
      o.events?.onStepStart?.(step);
      const checksum = o.history ? await revisionChecksum(step.revision.path).catch(() => null) : null;
      o.loader.prefetch(steps.slice(index + 1, index + 1 + LOOKAHEAD).map((s) => s.revision.path));
      const progress = new StepProgress(!transactional);
      if (perStep) await exec(o.dialect.begin);
      try {
        await runRevision(step, {
          dialect: o.dialect, target: o.target, loader: o.loader, exec, progress,
          onCommitted: () => { durableRows = step.rowsBefore; },
        });
        for (const sql of o.versionTable.transition(step.rowsBefore, step.rowsAfter)) await exec(sql);
        if (o.history) {
          const durationMs = o.target.offline ? null : Date.now() - started;
          const direction = step.direction === "up" ? "upgrade" : "downgrade";
          await exec(o.history.insert({ revision: step.revision.revision, direction, durationMs, checksum }));
        }
        if (perStep) await exec(o.dialect.commit);
      } catch (e) {
        // Roll back before probing the connection: an aborted transaction refuses even SELECT 1.
        if (perStep || open) await rollbackQuietly(o, exec);
        open = false;
        throw withAdvice(e, o, progress, durableRows, await connectionLost(o.target));
      }
      if (!wholeRun) durableRows = step.rowsAfter;
      o.events?.onStepDone?.(step, Date.now() - started);
    }
    if (wholeRun) await exec(o.dialect.commit);
  } catch (e) {
    if (open) await rollbackQuietly(o, exec);
    throw e;
  }
}

function interrupted(steps: readonly MigrationStep[], index: number, wholeRun: boolean): AthanorError {
  const next = steps[index]!;
  const done = index;
  const at = wholeRun ? steps[0]!.rowsBefore : next.rowsBefore;
  const what = wholeRun
    ? `the run's single transaction (transactionPerMigration: false) was rolled back, so the database stays at ${rowsText(at)}`
    : `${done} revision${done === 1 ? "" : "s"} applied; the database is at ${rowsText(at)}`;
  return new AthanorError("INTERRUPTED",
    `interrupted: stopped before revision ${next.revision.revision} "${next.revision.message}"; ${what}. Run the command again to continue.`);
}

/** After a failure (and its rollback): whether the session itself is gone, not just the statement. */
async function connectionLost(target: StatementTarget): Promise<boolean> {
  if (target.offline || !target.query) return false;
  return target.query("SELECT 1").then(() => false, () => true);
}

/** Adds where the database stands and how to recover to a step's error (online runs only). */
function withAdvice(e: unknown, o: RunOptions, progress: StepProgress, durableRows: readonly string[], lost: boolean): unknown {
  if (o.target.offline || !isAthanorError(e) || e.code !== "MIGRATION") return e;
  const advice = recoveryAdvice(progress, durableRows, o.command ?? "the command", o.dialect.transactionalDdl, lost);
  return new AthanorError(e.code, `${e.message}\n  ${advice}`, {
    file: e.file, revision: e.revision, operation: e.operation, sql: e.sql, cause: e.cause,
  });
}

async function rollbackQuietly(o: RunOptions, exec: (sql: string) => Promise<void>): Promise<void> {
  if (o.target.offline) return;
  try {
    await exec(o.dialect.rollback);
  } catch {
    // the connection may be gone; the original error is the one worth reporting
  }
}
