import type { ResolvedConfig } from "../config/load.js";
import type { Dialect } from "../dialects/dialect.js";
import { loadDialect } from "../dialects/index.js";
import { AthanorError } from "../errors.js";
import { revisionChecksum } from "../runtime/checksum.js";
import { HistoryTable } from "../runtime/history-table.js";
import { withMigrationLock } from "../runtime/lock.js";
import { connectionTarget, runSteps, type MigrationStep, type RunnerEvents, type StatementTarget } from "../runtime/runner.js";
import { sqlComment } from "../runtime/script.js";
import { stampRows } from "../runtime/stamp-rows.js";
import { VersionTable } from "../runtime/version-table.js";
import type { RevisionGraph, Step } from "../script/index.js";
import { loadGraph, requireUrl, resolveConfigInput, tableExcluder, withDatabase, type ConfigInput, type Database } from "./context.js";
import { planMigration } from "./plan.js";

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

export interface StampOptions extends MigrateOptions {
  /** Empty the version table first, even of revisions no file defines. */
  readonly purge?: boolean;
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

export function upgrade(config?: ConfigInput, target = "heads", options: MigrateOptions = {}): Promise<MigrateResult> {
  return migrate(config, "up", target, options);
}

export function downgrade(config: ConfigInput, target: string, options: MigrateOptions = {}): Promise<MigrateResult> {
  return migrate(config, "down", target, options);
}

/** Turn a plan (revisions in run order) into steps that know the version rows before and after. */
export function stepsFromPlan(graph: RevisionGraph, rows: readonly string[], plan: readonly Step[]): MigrationStep[] {
  const applied = graph.appliedFrom(rows);
  let before = [...rows].sort();
  return plan.map((p) => {
    const after = graph.nextRows(before, applied, p).slice().sort();
    if (p.direction === "up") applied.add(p.revision.revision);
    else applied.delete(p.revision.revision);
    const step: MigrationStep = { revision: p.revision, direction: p.direction, rowsBefore: before, rowsAfter: after };
    before = after;
    return step;
  });
}

/** The bookkeeping tables of a configuration, for a dialect (offline: no Database at hand). */
function tablesOf(config: ResolvedConfig, dialect: Dialect): { versionTable: VersionTable; history: HistoryTable } {
  return {
    versionTable: new VersionTable(dialect, config.versionTable, config.versionTableSchema),
    history: new HistoryTable(dialect, config.historyTable, config.versionTableSchema),
  };
}

/** Runs `fn` on the database holding the migration lock, so concurrent runs serialize. */
function withLockedDatabase<T>(config: ResolvedConfig, options: MigrateOptions, fn: (db: Database) => Promise<T>): Promise<T> {
  return withDatabase(config, (db) => withMigrationLock(db, db.versionTable, {
    timeoutSeconds: options.lockTimeout ?? config.lockTimeout,
    onWait: options.events?.onLockWait,
  }, () => fn(db)));
}

/** Creates the version and history tables where they are missing (under the lock, before the first step). */
async function ensureTables(db: Database, history: HistoryTable, versionExists: boolean, events?: RunnerEvents): Promise<void> {
  const create = async (op: Parameters<Dialect["compile"]>[0]) => {
    for (const sql of await db.dialect.compile(op, { offline: false, reflectTable: async () => null })) {
      events?.onStatement?.(sql);
      await db.conn.execute(sql);
    }
  };
  if (!versionExists) await create(db.versionTable.createOp());
  if (!(await history.exists(db.conn))) await create(history.createOp());
}

async function migrate(input: ConfigInput, direction: "up" | "down", target: string, options: MigrateOptions): Promise<MigrateResult> {
  const config = await resolveConfigInput(input);
  const graph = await loadGraph(config);
  if (options.sql) return migrateOffline(config, graph, direction, target, options);
  return withLockedDatabase(config, options, async (db) => {
    // Read only now, under the lock: a run that waited sees what the other one applied.
    const existing = await db.versionTable.read(db.conn);
    const rows = existing ?? [];
    const plan = planMigration(graph, rows, direction, target);
    const steps = stepsFromPlan(graph, rows, plan);
    const history = db.history;
    if (steps.length > 0) await ensureTables(db, history, existing !== null, options.events);
    const reports: StepReport[] = [];
    await runSteps(steps, {
      dialect: db.dialect,
      target: connectionTarget(db.conn, db.dialect, tableExcluder(config)),
      versionTable: db.versionTable,
      history,
      loader: config.loader,
      transactionPerMigration: config.transactionPerMigration,
      signal: options.signal,
      command: `athanor ${direction === "up" ? "upgrade" : "downgrade"} ${target}`,
      events: {
        ...options.events,
        onStepDone(step, ms) {
          reports.push({ revision: step.revision.revision, message: step.revision.message, direction: step.direction, ms });
          options.events?.onStepDone?.(step, ms);
        },
      },
    });
    return { steps: reports, heads: steps.length > 0 ? steps[steps.length - 1]!.rowsAfter : rows };
  });
}

/** Splits an offline target "from:to" (or just "to"). */
function splitRange(range: string): { from: string | null; to: string } {
  const colon = range.indexOf(":");
  return colon >= 0 ? { from: range.slice(0, colon), to: range.slice(colon + 1) } : { from: null, to: range };
}

/** An offline target: statements become lines of a script. */
function scriptTarget(lines: string[]): StatementTarget {
  return { offline: true, async run(sql) { lines.push(`${sql};`); }, async reflectTable() { return null; } };
}

/** The CREATE TABLE statements for the bookkeeping tables, when a script starts from an empty database. */
async function createTablesScript(dialect: Dialect, versionTable: VersionTable, history: HistoryTable, lines: string[]): Promise<void> {
  for (const op of [versionTable.createOp(), history.createOp()]) {
    for (const sql of await dialect.compile(op, { offline: true, reflectTable: async () => null })) lines.push(`${sql};`);
  }
}

/** `--sql`: the whole script, version-table and history statements included, with no database at hand. */
async function migrateOffline(config: ResolvedConfig, graph: RevisionGraph, direction: "up" | "down", range: string, options: MigrateOptions): Promise<MigrateResult> {
  const dialect: Dialect = await loadDialect(requireUrl(config).dialect);
  const { from, to } = splitRange(range);
  if (direction === "down" && from === null) {
    throw new AthanorError("USAGE", `downgrade --sql needs a range <from>:<to>, e.g. head:base`);
  }
  const startRows = from === null ? [] : graph.resolve(from, []);
  const plan = planMigration(graph, startRows, direction, to);
  const steps = stepsFromPlan(graph, startRows, plan);
  const lines: string[] = [];
  const { versionTable, history } = tablesOf(config, dialect);
  if (startRows.length === 0 && direction === "up" && steps.length > 0) await createTablesScript(dialect, versionTable, history, lines);
  const reports: StepReport[] = [];
  await runSteps(steps, {
    dialect, target: scriptTarget(lines), versionTable, history, loader: config.loader, transactionPerMigration: config.transactionPerMigration,
    events: {
      onStepStart(step) {
        const verb = step.direction === "up" ? "upgrade" : "downgrade";
        lines.push("", sqlComment(`Running ${verb} ${step.rowsBefore.join(", ") || "<base>"} -> ${step.rowsAfter.join(", ") || "<base>"}: ${step.revision.message}`));
      },
      onStepDone(step, ms) {
        reports.push({ revision: step.revision.revision, message: step.revision.message, direction: step.direction, ms });
        options.events?.onStepDone?.(step, ms);
      },
    },
  });
  return { steps: reports, heads: steps.length > 0 ? steps[steps.length - 1]!.rowsAfter : startRows, script: lines.join("\n") + "\n" };
}

/**
 * `stamp <revs…>`: set the version table to these revisions without running any migration
 * (each change is recorded in the history). With `sql`, a "from:to" first target sets the start.
 */
export async function stamp(input: ConfigInput, targets: readonly string[], options: StampOptions = {}): Promise<MigrateResult> {
  const config = await resolveConfigInput(input);
  const graph = await loadGraph(config);
  if (targets.length === 0) throw new AthanorError("USAGE", "stamp needs at least one revision (e.g. head, base, <rev>)");
  if (options.sql) return stampOffline(config, graph, targets, options);
  return withLockedDatabase(config, options, async (db) => {
    const existing = await db.versionTable.read(db.conn);
    const rows = existing ?? [];
    const after = stampRows(graph, rows, targets, options.purge ?? false);
    const history = db.history;
    if (existing === null && after.length === 0) return { steps: [], heads: [] };
    await ensureTables(db, history, existing !== null, options.events);
    const started = Date.now();
    const statements = await stampStatements(graph, db.versionTable, history, rows, after, options.purge ?? false);
    const exec = async (sql: string) => {
      options.events?.onStatement?.(sql);
      await db.conn.execute(sql);
    };
    // One transaction where the dialect has them: the rows change all at once or not at all.
    const transactional = db.dialect.transactionalDdl;
    if (transactional) await exec(db.dialect.begin);
    try {
      for (const sql of statements(Date.now() - started)) await exec(sql);
      if (transactional) await exec(db.dialect.commit);
    } catch (e) {
      if (transactional) await db.conn.execute(db.dialect.rollback).catch(() => undefined);
      throw e;
    }
    return { steps: [], heads: after };
  });
}

/** The version-table and history statements of a stamp; the duration is known only at the end. */
async function stampStatements(
  graph: RevisionGraph, versionTable: VersionTable, history: HistoryTable,
  before: readonly string[], after: readonly string[], purge: boolean,
): Promise<(durationMs: number | null) => string[]> {
  const rowChanges = purge ? [versionTable.deleteAll(), ...versionTable.transition([], after)] : versionTable.transition(before, after);
  const added = after.filter((r) => purge || !before.includes(r));
  // A row per revision the stamp puts in place, after a "base" row when it empties the table.
  const recorded = [...(purge || after.length === 0 ? ["base"] : []), ...(added.length > 0 || after.length === 0 ? added : after)];
  const entries = await Promise.all(recorded.map(async (revision) => ({
    revision,
    checksum: graph.has(revision) ? await revisionChecksum(graph.get(revision).path).catch(() => null) : null,
  })));
  return (durationMs) => [
    ...rowChanges,
    ...entries.map((e) => history.insert({ revision: e.revision, direction: "stamp", durationMs, checksum: e.checksum })),
  ];
}

async function stampOffline(config: ResolvedConfig, graph: RevisionGraph, targets: readonly string[], options: StampOptions): Promise<MigrateResult> {
  const dialect: Dialect = await loadDialect(requireUrl(config).dialect);
  const [first, ...rest] = targets;
  const { from, to } = splitRange(first!);
  const startRows = from === null ? [] : graph.resolve(from, []);
  const after = stampRows(graph, startRows, [to, ...rest], options.purge ?? false);
  const { versionTable, history } = tablesOf(config, dialect);
  const lines: string[] = [];
  if (from === null) await createTablesScript(dialect, versionTable, history, lines);
  const statements = (await stampStatements(graph, versionTable, history, startRows, after, options.purge ?? false))(null);
  lines.push("", sqlComment(`Stamping ${startRows.join(", ") || "<base>"} -> ${after.join(", ") || "<base>"}`));
  if (dialect.transactionalDdl) lines.push(`${dialect.begin};`);
  lines.push(...statements.map((s) => `${s};`));
  if (dialect.transactionalDdl) lines.push(`${dialect.commit};`);
  return { steps: [], heads: after, script: lines.join("\n") + "\n" };
}
