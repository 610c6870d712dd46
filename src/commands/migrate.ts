import type { ResolvedConfig } from "../config/load.js";
import type { Dialect } from "../dialects/dialect.js";
import { loadDialect } from "../dialects/index.js";
import { AthanorError } from "../errors.js";
import { connectionTarget, runSteps, type MigrationStep } from "../runtime/runner.js";
import { sqlComment } from "../runtime/script.js";
import type { RevisionGraph, Step } from "../script/index.js";
import { loadGraph, requireUrl, resolveConfigInput, tableExcluder, type ConfigInput } from "./context.js";
import {
  createTablesScript, ensureTables, scriptTarget, splitRange, tablesOf, withLockedDatabase,
  type MigrateOptions, type MigrateResult, type StepReport,
} from "./migrate-shared.js";
import { planMigration } from "./plan.js";

export type { MigrateEvents, MigrateOptions, MigrateResult, StepReport } from "./migrate-shared.js";
export { stamp, type StampOptions } from "./stamp.js";

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

