/** What upgrade, downgrade and stamp share: options, results, the lock, the bookkeeping tables. */
import type { ResolvedConfig } from "../config/load.js";
import type { Dialect } from "../dialects/dialect.js";
import { HistoryTable } from "../runtime/history-table.js";
import { withMigrationLock } from "../runtime/lock.js";
import type { RunnerEvents, StatementTarget } from "../runtime/runner.js";
import { VersionTable } from "../runtime/version-table.js";
import { withDatabase, type Database } from "./context.js";

export interface MigrateEvents extends RunnerEvents {
  /** Another run holds the migration lock; this one now waits for it. */
  onLockWait?(): void;
}

export interface MigrateOptions {
  /** Offline: return the SQL script instead of running it. A "from:to" target sets the start. */
  readonly sql?: boolean;
  readonly events?: MigrateEvents;
  /** Seconds to wait for another run's migration lock (overrides the config's lockTimeout). */
  readonly lockTimeout?: number;
  /** Stops the run between revisions (the CLI aborts it on Ctrl-C). */
  readonly signal?: AbortSignal;
}

export interface StepReport {
  readonly revision: string;
  readonly message: string;
  readonly direction: "up" | "down";
  readonly ms: number;
}

export interface MigrateResult {
  readonly steps: readonly StepReport[];
  /** The version rows after the run. */
  readonly heads: readonly string[];
  /** With `sql: true`: the script. */
  readonly script?: string;
}

/** The bookkeeping tables of a configuration, for a dialect (offline: no Database at hand). */
export function tablesOf(config: ResolvedConfig, dialect: Dialect): { versionTable: VersionTable; history: HistoryTable } {
  return {
    versionTable: new VersionTable(dialect, config.versionTable, config.versionTableSchema),
    history: new HistoryTable(dialect, config.historyTable, config.versionTableSchema),
  };
}

/** Runs `fn` on the database holding the migration lock, so concurrent runs serialize. */
export function withLockedDatabase<T>(config: ResolvedConfig, options: MigrateOptions, fn: (db: Database) => Promise<T>): Promise<T> {
  return withDatabase(config, (db) => withMigrationLock(db, db.versionTable, {
    timeoutSeconds: options.lockTimeout ?? config.lockTimeout,
    onWait: options.events?.onLockWait,
  }, () => fn(db)));
}

/** Creates the version and history tables where they are missing (under the lock, before the first step). */
export async function ensureTables(db: Database, history: HistoryTable, versionExists: boolean, events?: RunnerEvents): Promise<void> {
  const create = async (op: Parameters<Dialect["compile"]>[0]) => {
    for (const sql of await db.dialect.compile(op, { offline: false, reflectTable: async () => null })) {
      events?.onStatement?.(sql);
      await db.conn.execute(sql);
    }
  };
  if (!versionExists) await create(db.versionTable.createOp());
  if (!(await history.exists(db.conn))) await create(history.createOp());
}

/** Splits an offline target "from:to" (or just "to"). */
export function splitRange(range: string): { from: string | null; to: string } {
  const colon = range.indexOf(":");
  return colon >= 0 ? { from: range.slice(0, colon), to: range.slice(colon + 1) } : { from: null, to: range };
}

/** An offline target: statements become lines of a script. */
export function scriptTarget(lines: string[]): StatementTarget {
  return { offline: true, async run(sql) { lines.push(`${sql};`); }, async reflectTable() { return null; } };
}

/** The CREATE TABLE statements for the bookkeeping tables, when a script starts from an empty database. */
export async function createTablesScript(dialect: Dialect, versionTable: VersionTable, history: HistoryTable, lines: string[]): Promise<void> {
  for (const op of [versionTable.createOp(), history.createOp()]) {
    for (const sql of await dialect.compile(op, { offline: true, reflectTable: async () => null })) lines.push(`${sql};`);
  }
}

