import { loadGraph, resolveConfigInput, type ConfigInput } from "./context.js";
import { infoFromEntry, revisionInfos, type RevisionInfo } from "./revision-info.js";

export interface BranchPoint {
  readonly revision: RevisionInfo;
  /** The revisions that have it as `downRevision`, one per branch. */
  readonly branchesInto: readonly RevisionInfo[];
}

/** `branches`: every branch point, newest first, with the revisions it branches into. */
export async function branches(input?: ConfigInput): Promise<BranchPoint[]> {
  const config = await resolveConfigInput(input);
  const graph = await loadGraph(config);
  return graph
    .walk()
    .filter((entry) => entry.isBranchPoint)
    .map((entry) => ({ revision: infoFromEntry(entry), branchesInto: revisionInfos(graph, entry.children) }));
}
