import type { Op } from "../operations/types.js";
import { loadGraph, resolveConfigInput, withDatabase, type ConfigInput } from "./context.js";
import { diffModels } from "./model-diff.js";
import { requireAtHeads } from "./status.js";

export interface CheckResult {
  /** True when the models match the database at head. */
  readonly ok: boolean;
  readonly ops: readonly Op[];
  readonly warnings: readonly string[];
}

/** `athanor check`: would autogenerate write anything? Refuses when the database is not at the heads. */
export async function check(input?: ConfigInput): Promise<CheckResult> {
  const config = await resolveConfigInput(input);
  const graph = await loadGraph(config);
  return withDatabase(config, async (db) => {
    await requireAtHeads(db, graph);
    const diff = await diffModels(config, db);
    return { ok: diff.ops.length === 0, ops: diff.ops, warnings: diff.warnings };
  });
}
