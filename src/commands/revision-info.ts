import type { HistoryEntry, RevisionGraph } from "../script/index.js";

/**
 * One revision as the read commands (current, heads, branches, history, show) report it:
 * the header plus its place in the graph. Plain data, so `--json` prints it as is.
 */
export interface RevisionInfo {
  readonly revision: string;
  /** Parents; empty for a base, several for a merge. */
  readonly downRevisions: readonly string[];
  readonly dependsOn: readonly string[];
  /** The labels the file declares. */
  readonly branchLabels: readonly string[];
  /** Every label whose line the revision lies on (declared or inherited, as Alembic shows them). */
  readonly branches: readonly string[];
  readonly message: string;
  readonly createDate: string | null;
  readonly path: string;
  /** No revision has it as `downRevision` (an effective head included). */
  readonly isHead: boolean;
  /** A head that other revisions depend on: upgrading them applies it, and it keeps no row of its own. */
  readonly isEffectiveHead: boolean;
  readonly isBase: boolean;
  readonly isBranchPoint: boolean;
  readonly isMergePoint: boolean;
  /** In the database's version table (only when the command read it). */
  readonly isCurrent: boolean;
  /** Revisions having it as `downRevision`. */
  readonly children: readonly string[];
}

export function infoFromEntry(e: HistoryEntry): RevisionInfo {
  const h = e.revision;
  return {
    revision: h.revision,
    downRevisions: h.downRevisions,
    dependsOn: h.dependsOn,
    branchLabels: h.branchLabels,
    branches: e.branchLabels,
    message: h.message,
    createDate: h.createDate,
    path: h.path,
    isHead: e.isHead,
    isEffectiveHead: e.isEffectiveHead,
    isBase: e.isBase,
    isBranchPoint: e.isBranchPoint,
    isMergePoint: e.isMergePoint,
    isCurrent: e.isCurrent,
    children: e.children,
  };
}

/** The info of each revision id, marking the given version rows as current. */
export function revisionInfos(graph: RevisionGraph, ids: readonly string[], rows: readonly string[] = []): RevisionInfo[] {
  return ids.map((id) => infoFromEntry(graph.entry(id, rows)));
}
