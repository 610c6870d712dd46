import type { GraphIndex } from "./graph-index.js";
import type { Mask } from "./graph-traverse.js";

/**
 * The version table holds the fewest revisions whose ancestors are exactly the applied
 * set: an applied revision has a row unless an applied revision revises or depends on it.
 * This is Alembic's bookkeeping: applying a revision that depends on a head row merges
 * that row away ("effective heads" are not stored), and unapplying it brings the row back.
 */
export function versionRowNodes(ix: GraphIndex, applied: Mask): number[] {
  const rows: number[] = [];
  for (let node = 0; node < applied.length; node++) {
    if (!applied[node]) continue;
    if (ix.children[node]!.some((c) => applied[c])) continue;
    if (ix.dependents[node]!.some((c) => applied[c])) continue;
    rows.push(node);
  }
  return rows;
}

/**
 * The rows after one step, in O(degree): an upgrade replaces the rows of the revision's
 * parents with its own; a downgrade replaces its row with the parents that nothing else
 * applied still covers. `rows` must be minimal (as versionRows returns) and `applied` the
 * applied set before the step.
 */
export function nextRowNodes(
  ix: GraphIndex,
  rows: readonly number[],
  applied: (node: number) => boolean,
  node: number,
  direction: "up" | "down",
): number[] {
  const out: number[] = [];
  const push = (n: number): void => {
    if (!out.includes(n)) out.push(n);
  };
  if (direction === "up") {
    const parents = new Set([...ix.down[node]!, ...ix.deps[node]!]);
    let placed = false;
    for (const row of rows) {
      if (!parents.has(row)) push(row);
      else if (!placed) {
        push(node);
        placed = true;
      }
    }
    if (!placed) push(node);
    return out;
  }
  const stillCovered = (parent: number): boolean =>
    ix.children[parent]!.some((c) => c !== node && applied(c)) || ix.dependents[parent]!.some((c) => c !== node && applied(c));
  const uncovered = [...ix.down[node]!, ...ix.deps[node]!].filter((parent) => applied(parent) && !stillCovered(parent));
  let replaced = false;
  for (const row of rows) {
    if (row !== node) push(row);
    else {
      uncovered.forEach(push);
      replaced = true;
    }
  }
  if (!replaced) uncovered.forEach(push);
  return out;
}

/** A change to the version table. */
export type VersionRowAction =
  | { readonly kind: "insert"; readonly revision: string }
  | { readonly kind: "update"; readonly from: string; readonly to: string }
  | { readonly kind: "delete"; readonly revision: string };

/**
 * The statements that turn one set of rows into another, Alembic style: a plain step is
 * one UPDATE, a merge DELETEs all but one parent row and UPDATEs the last, an unmerge
 * UPDATEs one row and INSERTs the rest, a new branch INSERTs, reaching base DELETEs.
 */
export function diffVersionRows(before: readonly string[], after: readonly string[]): VersionRowAction[] {
  const beforeSet = new Set(before);
  const afterSet = new Set(after);
  const removed = [...beforeSet].filter((id) => !afterSet.has(id));
  const added = [...afterSet].filter((id) => !beforeSet.has(id));
  const updates = Math.min(removed.length, added.length);
  const deleted = removed.length - updates;
  return [
    ...removed.slice(0, deleted).map((revision): VersionRowAction => ({ kind: "delete", revision })),
    ...added.slice(0, updates).map((to, k): VersionRowAction => ({ kind: "update", from: removed[deleted + k]!, to })),
    ...added.slice(updates).map((revision): VersionRowAction => ({ kind: "insert", revision })),
  ];
}
