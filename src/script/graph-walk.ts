import { AthanorError } from "../errors.js";
import type { GraphIndex } from "./graph-index.js";
import { resolveTarget } from "./graph-resolve.js";
import type { RevisionRange } from "./graph-resolve.js";
import { ancestorMask, descendantMask, parentsFirst } from "./graph-traverse.js";
import type { RevisionHeader } from "./header.js";

/** One line of `history`, newest first, with the markers Alembic prints. */
export interface HistoryEntry {
  readonly revision: RevisionHeader;
  /** No revision has it as `downRevision`. */
  readonly isHead: boolean;
  /** A head that other revisions depend on: it will not keep a version row of its own. */
  readonly isEffectiveHead: boolean;
  /** No `downRevision`. */
  readonly isBase: boolean;
  /** Several revisions have it as `downRevision`. */
  readonly isBranchPoint: boolean;
  /** Several `downRevision`s. */
  readonly isMergePoint: boolean;
  /** One of the current heads given. */
  readonly isCurrent: boolean;
  /** Its own labels and those it inherits (from labeled ancestors, or descendants up to a branch point). */
  readonly branchLabels: readonly string[];
  /** Revisions having it as `downRevision`. */
  readonly children: readonly string[];
}

/**
 * The revisions of a `from:to` range, newest first: the ancestors of `to` (default
 * heads; through dependsOn too, since an upgrade to `to` runs them) that descend from
 * `from` (default base) through downRevision edges, both ends inclusive. `label@base`
 * as `from` means the bases of that label's line.
 */
export function historyNodes(ix: GraphIndex, range: RevisionRange | null, current: readonly number[]): number[] {
  const upperText = range?.to ?? "heads";
  const lowerText = range?.from ?? "base";
  const upper = resolveTarget(ix, upperText, current).revisions;
  if (upper.length === 0) return [];
  const set = ancestorMask(ix, upper, true);
  const lower = resolveTarget(ix, lowerText, current);
  let from: readonly number[] | null = null;
  if (lower.revisions.length > 0) {
    const outside = lower.revisions.filter((node) => !set[node]);
    if (outside.length > 0) {
      throw new AthanorError(
        "USAGE",
        `revision range "${lowerText}:${upperText}" is empty: ${ix.headers[outside[0]!]!.revision} is not an ancestor of "${upperText}"`,
      );
    }
    from = lower.revisions;
  } else if (lower.branch !== null) {
    const line = ancestorMask(ix, [lower.branch], false);
    from = ix.bases.filter((base) => line[base]);
  }
  if (from !== null) {
    const below = descendantMask(ix, from, false);
    for (let i = 0; i < set.length; i++) set[i] = set[i]! & below[i]!;
  }
  return parentsFirst(ix, set, [...upper].reverse()).reverse();
}

/**
 * Alembic's label inheritance: a label applies to its revision, all its descendants, and
 * its ancestors back to (not including) the preceding branch point or merge point.
 */
export function inheritedLabels(ix: GraphIndex): string[][] {
  const labels: string[][] = ix.headers.map(() => []);
  const add = (node: number, label: string): void => {
    if (!labels[node]!.includes(label)) labels[node]!.push(label);
  };
  for (const [label, owner] of ix.labelOwner) {
    const below = descendantMask(ix, [owner], false);
    for (let node = 0; node < below.length; node++) if (below[node]) add(node, label);
    let node = owner;
    while (ix.down[node]!.length === 1) {
      const parent = ix.down[node]![0]!;
      if (ix.children[parent]!.length > 1 || ix.down[parent]!.length > 1) break;
      add(parent, label);
      node = parent;
    }
  }
  return labels;
}

export function historyEntry(
  ix: GraphIndex,
  node: number,
  current: ReadonlySet<number>,
  labels: readonly (readonly string[])[],
): HistoryEntry {
  const isHead = ix.children[node]!.length === 0;
  return {
    revision: ix.headers[node]!,
    isHead,
    isEffectiveHead: isHead && ix.dependents[node]!.length > 0,
    isBase: ix.down[node]!.length === 0,
    isBranchPoint: ix.children[node]!.length > 1,
    isMergePoint: ix.down[node]!.length > 1,
    isCurrent: current.has(node),
    branchLabels: labels[node]!,
    children: ix.children[node]!.map((child) => ix.headers[child]!.revision),
  };
}
