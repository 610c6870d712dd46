import type { Dialect } from "../dialects/dialect.js";
import { loadDialect } from "../dialects/index.js";
import { AthanorError } from "../errors.js";
import { connectionTarget, runSteps, type MigrationStep, type RunnerEvents, type StatementTarget } from "../runtime/runner.js";
import { VersionTable } from "../runtime/version-table.js";
import type { RevisionGraph, Step } from "../script/index.js";
import { loadGraph, requireUrl, resolveConfigInput, tableExcluder, withDatabase, type ConfigInput } from "./context.js";

export interface MigrateOptions {
  /** Offline: return the SQL script instead of running it. A "from:to" target sets the start. */
  readonly sql?: boolean;
  readonly events?: RunnerEvents;
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

async function migrate(input: ConfigInput, direction: "up" | "down", target: string, options: MigrateOptions): Promise<MigrateResult> {
  const config = await resolveConfigInput(input);
  const graph = await loadGraph(config);
  if (options.sql) return migrateOffline(config, graph, direction, target, options);
  return withDatabase(config, async (db) => {
    const existing = await db.versionTable.read(db.conn);
    const rows = existing ?? [];
    const plan = direction === "up" ? graph.planUpgrade(rows, target) : graph.planDowngrade(rows, target);
    const steps = stepsFromPlan(graph, rows, plan);
    if (existing === null && steps.length > 0) {
      for (const sql of await db.dialect.compile(db.versionTable.createOp(), { offline: false, reflectTable: async () => null })) {
        options.events?.onStatement?.(sql);
        await db.conn.execute(sql);
      }
    }
    const reports: StepReport[] = [];
    await runSteps(steps, {
      dialect: db.dialect,
      target: connectionTarget(db.conn, db.dialect, tableExcluder(config)),
      versionTable: db.versionTable,
      loader: config.loader,
      transactionPerMigration: config.transactionPerMigration,
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

/** `--sql`: the whole script, version-table statements included, with no database at hand. */
async function migrateOffline(
  config: Awaited<ReturnType<typeof resolveConfigInput>>, graph: RevisionGraph,
  direction: "up" | "down", range: string, options: MigrateOptions,
): Promise<MigrateResult> {
  const url = requireUrl(config);
  const dialect: Dialect = await loadDialect(url.dialect);
  const colon = range.indexOf(":");
  const from = colon >= 0 ? range.slice(0, colon) : null;
  const to = colon >= 0 ? range.slice(colon + 1) : range;
  if (direction === "down" && from === null) {
    throw new AthanorError("USAGE", `downgrade --sql needs a range <from>:<to>, e.g. head:base`);
  }
  const startRows = from === null ? [] : graph.resolve(from, []);
  const plan = direction === "up" ? graph.planUpgrade(startRows, to) : graph.planDowngrade(startRows, to);
  const steps = stepsFromPlan(graph, startRows, plan);
  const lines: string[] = [];
  const versionTable = new VersionTable(dialect, config.versionTable, config.versionTableSchema);
  const target: StatementTarget = {
    offline: true,
    async run(sql) { lines.push(`${sql};`); },
    async reflectTable() { return null; },
  };
  if (startRows.length === 0 && direction === "up") {
    for (const sql of await dialect.compile(versionTable.createOp(), { offline: true, reflectTable: async () => null })) lines.push(`${sql};`);
  }
  const reports: StepReport[] = [];
  await runSteps(steps, {
    dialect, target, versionTable, loader: config.loader, transactionPerMigration: config.transactionPerMigration,
    events: {
      onStepStart(step) {
        lines.push("", `-- Running ${step.direction === "up" ? "upgrade" : "downgrade"} ${step.rowsBefore.join(", ") || "<base>"} -> ${step.rowsAfter.join(", ") || "<base>"}: ${step.revision.message}`);
      },
      onStepDone(step, ms) {
        reports.push({ revision: step.revision.revision, message: step.revision.message, direction: step.direction, ms });
        options.events?.onStepDone?.(step, ms);
      },
    },
  });
  return { steps: reports, heads: steps.length > 0 ? steps[steps.length - 1]!.rowsAfter : startRows, script: lines.join("\n") + "\n" };
}
