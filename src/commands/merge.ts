import { AthanorError } from "../errors.js";
import { loadGraph, resolveConfigInput, type ConfigInput } from "./context.js";
import { planRevision, writeRevisionFile } from "./revision-file.js";

export interface MergeOptions {
  readonly message?: string;
  readonly branchLabel?: readonly string[];
  readonly revId?: string;
  /** Fixed clock, for tests. */
  readonly now?: Date;
}

export interface MergeResult {
  readonly path: string;
  readonly revision: string;
  /** The heads it merges: its `downRevision`. */
  readonly parents: readonly string[];
}

/**
 * `merge <revs…>`: a revision whose `downRevision` is every head named (`heads` for all of
 * them), with nothing to do in upgrade or downgrade; applying it joins the branches into one
 * version row. Each revision named must be a head, as in Alembic.
 */
export async function merge(input: ConfigInput, revisions: readonly string[], options: MergeOptions = {}): Promise<MergeResult> {
  if (revisions.length === 0) throw new AthanorError("USAGE", `merge needs the revisions to merge, e.g. "heads" or two revision ids`);
  const config = await resolveConfigInput(input);
  const graph = await loadGraph(config);
  const planned = planRevision(config, graph, { head: revisions, branchLabel: options.branchLabel, revId: options.revId });
  if (planned.parents.length < 2) {
    const named = revisions.map((r) => `"${r}"`).join(" ");
    const got = planned.parents.length === 0 ? "no revision" : `only ${planned.parents[0]}`;
    throw new AthanorError("USAGE", `nothing to merge: ${named} name${revisions.length === 1 ? "s" : ""} ${got}; a merge joins two or more heads`);
  }
  const path = await writeRevisionFile(config, planned, {
    message: options.message ?? `merge ${planned.parents.join(", ")}`,
    upgradeOps: [],
    downgradeOps: [],
    now: options.now,
  });
  return { path, revision: planned.revision, parents: planned.parents };
}
