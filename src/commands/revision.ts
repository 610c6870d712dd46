import type { RenameResolver } from "../autogenerate/renames.js";
import { groupIntoBatches } from "../operations/batch.js";
import { reverseOps } from "../operations/reverse.js";
import type { Op } from "../operations/types.js";
import { loadGraph, resolveConfigInput, withDatabase, type ConfigInput } from "./context.js";
import { diffModels, modelsOf } from "./model-diff.js";
import { planRevision, writeRevisionFile, type RevisionPlacement } from "./revision-file.js";
import { requireAtHeads } from "./status.js";

/**
 * Placement (see RevisionPlacement): `head` is the parent, "head" (the single head) by
 * default; a revision or `<label>@head` continues a branch, "base" starts a new root,
 * `splice` branches from a revision that is not a head.
 */
export interface RevisionOptions extends RevisionPlacement {
  readonly message?: string;
  readonly autogenerate?: boolean;
  /** Rename hints: "table.old=new" or "old=new". */
  readonly rename?: readonly string[];
  /** Asked about rename candidates no hint settles (the CLI prompts on a terminal); absent: drop + add and a warning. */
  readonly resolveRename?: RenameResolver;
  /** Fixed clock, for tests. */
  readonly now?: Date;
}

export interface RevisionResult {
  /** null when autogenerate found nothing to do and no file was written. */
  readonly path: string | null;
  readonly revision: string | null;
  readonly ops: readonly Op[];
  readonly warnings: readonly string[];
}

export async function revision(input: ConfigInput, options: RevisionOptions = {}): Promise<RevisionResult> {
  const config = await resolveConfigInput(input);
  const graph = await loadGraph(config);
  const planned = planRevision(config, graph, options);
  let upgradeOps: readonly Op[] = [];
  let warnings: readonly string[] = [];
  if (options.autogenerate) {
    const models = await modelsOf(config);
    const diff = await withDatabase(config, async (db) => {
      await requireAtHeads(db, graph);
      const found = await diffModels(config, db, options.rename ?? [], options.resolveRename, models);
      const batches = config.renderAsBatch ?? db.dialect.prefersBatch;
      return batches ? { ...found, ops: groupIntoBatches(found.ops) } : found;
    }).finally(() => models.close?.());
    if (diff.ops.length === 0) return { path: null, revision: null, ops: [], warnings: diff.warnings };
    upgradeOps = diff.ops;
    warnings = diff.warnings;
  }
  const path = await writeRevisionFile(config, planned, {
    message: options.message ?? "",
    upgradeOps,
    downgradeOps: reverseOps(upgradeOps),
    now: options.now,
  });
  return { path, revision: planned.revision, ops: upgradeOps, warnings };
}
