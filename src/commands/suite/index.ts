/**
 * `athanor test`: the CI suite. Each check runs on a scratch database of its own making, never
 * on the configured one, and reports one line; any subset runs alone, by name.
 */
import { AthanorError, messageOf } from "../../errors.js";
import { loadDialect } from "../../dialects/index.js";
import type { RunnerEvents } from "../../runtime/runner.js";
import { loadGraph, requireUrl, resolveConfigInput, type ConfigInput } from "../context.js";
import { cleanDowngrade } from "./clean-downgrade.js";
import { listWords } from "./inventory.js";
import { modelsMatch } from "./models-match.js";
import { parentsFirst } from "./order.js";
import { singleHead } from "./single-head.js";
import { stairway } from "./stairway.js";
import { CheckFailure, type CheckReport, type SuiteCheck, type SuiteContext, type SuiteResult } from "./types.js";
import { upgradeFromBase } from "./upgrade.js";
import { Workspace } from "./workspace.js";

export type { CheckReport, CheckStatus, SuiteResult } from "./types.js";

/** The checks, in the order they run. */
export const SUITE_CHECKS: readonly SuiteCheck[] = [singleHead, upgradeFromBase, modelsMatch, stairway, cleanDowngrade];

export const SUITE_CHECK_NAMES: readonly string[] = SUITE_CHECKS.map((c) => c.name);

export interface SuiteOptions {
  /** Names of the checks to run (default: all), run in the suite's order. */
  readonly only?: readonly string[];
  /** Called as each check finishes, for progress lines. */
  readonly onCheckDone?: (report: CheckReport) => void;
  /** Migration events (statements with -v). */
  readonly events?: RunnerEvents;
}

export async function runSuite(input?: ConfigInput, options: SuiteOptions = {}): Promise<SuiteResult> {
  const checks = selectChecks(options.only);
  const config = await resolveConfigInput(input);
  const graph = await loadGraph(config);
  const server = requireUrl(config);
  const dialect = await loadDialect(server.dialect);
  const workspace = new Workspace(config, dialect, server);
  const ctx: SuiteContext = { config, dialect, graph, order: parentsFirst(graph), workspace, events: options.events };
  const reports: CheckReport[] = [];
  // Faults already reported, and by which check: a revision that cannot run fails one check, not all.
  const reported = new Map<string, string>();
  try {
    if (checks.some((c) => c.usesDatabase)) await workspace.open();
    for (const check of checks) {
      const report = await runOne(check, ctx, reported, reports);
      reports.push(report);
      options.onCheckDone?.(report);
    }
  } finally {
    await workspace.close();
  }
  return { ok: reports.every((r) => r.status !== "failed"), checks: reports };
}

async function runOne(check: SuiteCheck, ctx: SuiteContext, reported: Map<string, string>, done: readonly CheckReport[]): Promise<CheckReport> {
  const started = performance.now();
  const ms = () => Math.round(performance.now() - started);
  const unmet = done.filter((r) => check.needs?.includes(r.name) && r.status === "failed").map((r) => r.name);
  if (unmet.length > 0) return { name: check.name, status: "skipped", ms: 0, message: `needs ${listWords(unmet)}, which failed` };
  try {
    const outcome = await check.run(ctx);
    return { name: check.name, status: outcome.status, ms: ms(), message: outcome.message };
  } catch (e) {
    if (!(e instanceof CheckFailure)) {
      return { name: check.name, status: "failed", ms: ms(), message: messageOf(e).split("\n")[0]! };
    }
    const first = e.key === null ? undefined : reported.get(e.key);
    if (first !== undefined) return { name: check.name, status: "skipped", ms: ms(), message: `${first} already failed on this: ${e.message}` };
    if (e.key !== null) reported.set(e.key, check.name);
    return { name: check.name, status: "failed", ms: ms(), message: e.message };
  }
}

function selectChecks(only: readonly string[] | undefined): SuiteCheck[] {
  if (only === undefined || only.length === 0) return [...SUITE_CHECKS];
  const unknown = only.filter((n) => !SUITE_CHECK_NAMES.includes(n));
  if (unknown.length > 0) {
    throw new AthanorError("USAGE", `no check named ${unknown.map((n) => `"${n}"`).join(", ")}; the checks are ${SUITE_CHECK_NAMES.join(", ")}`);
  }
  return SUITE_CHECKS.filter((c) => only.includes(c.name));
}
