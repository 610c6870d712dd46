import { AthanorError } from "../errors.js";
import type { GraphIndex } from "./graph-index.js";
import { currentNodes, listIds, parseRelative, resolveTarget } from "./graph-resolve.js";
import { ancestorMask, descendantMask, parentsFirst } from "./graph-traverse.js";
import type { RevisionHeader } from "./header.js";

/** One revision to run, in one direction. */
export interface Step {
  readonly revision: RevisionHeader;
  readonly direction: "up" | "down";
}

/**
 * Every revision the target needs that is not applied yet, each once, every parent
 * (`downRevision` and `dependsOn`) before its child. A target already applied, or behind
 * the current heads, needs nothing.
 */
export function planUpgrade(ix: GraphIndex, currentHeads: readonly string[], target: string): Step[] {
  const current = currentNodes(ix, currentHeads);
  const relative = parseRelative(target);
  if (relative !== null && relative.symbol === null && relative.delta < 0) {
    throw new AthanorError("USAGE", `cannot upgrade to "${target.trim()}": steps back from the current revision are for downgrade`);
  }
  const { revisions } = resolveTarget(ix, target, current);
  const applied = ancestorMask(ix, current, true);
  const needed = ancestorMask(ix, revisions, true);
  for (let i = 0; i < needed.length; i++) needed[i] = needed[i]! && !applied[i] ? 1 : 0;
  return parentsFirst(ix, needed, revisions).map((node) => ({ revision: ix.headers[node]!, direction: "up" }));
}

/**
 * Unapplies what lies above the target, children first, as Alembic does: the applied
 * descendants (through both edge kinds) of the target's children, or of every base for
 * "base". A target scoped to a branch (`label@base`, `rev@-1`, `-1`) only takes the
 * children on that branch's line, so other branches stay where they are. Revisions that
 * merely depend on the target stay: the target itself stays applied.
 */
export function planDowngrade(ix: GraphIndex, currentHeads: readonly string[], target: string): Step[] {
  const current = currentNodes(ix, currentHeads);
  const relative = parseRelative(target);
  if (relative !== null && relative.symbol === null && relative.delta > 0) {
    throw new AthanorError("USAGE", `cannot downgrade to "${target.trim()}": steps up from the current revision are for upgrade`);
  }
  const { revisions, branch } = resolveTarget(ix, target, current);
  const applied = ancestorMask(ix, current, true);
  const notApplied = revisions.filter((node) => !applied[node]);
  if (notApplied.length > 0) {
    const now = current.length === 0 ? "nothing is applied" : `the database is at ${listIds(ix, current)}`;
    throw new AthanorError(
      "USAGE",
      `cannot downgrade to ${listIds(ix, notApplied)}: it is not applied (${now}); use upgrade to move forward`,
      { revision: ix.headers[notApplied[0]!]!.revision },
    );
  }
  let roots = revisions.length === 0 ? [...ix.bases] : [...new Set(revisions.flatMap((node) => ix.children[node]!))];
  if (branch !== null && roots.length > 1) {
    const line = ancestorMask(ix, [branch], false);
    roots = roots.filter((node) => line[node]);
    if (roots.length === 0) {
      throw new AthanorError("USAGE", `"${target.trim()}" is not a valid downgrade target from the current heads`);
    }
  }
  const drop = descendantMask(ix, roots, true);
  const keep = ancestorMask(ix, revisions, true);
  for (let i = 0; i < drop.length; i++) drop[i] = drop[i]! && applied[i] && !keep[i] ? 1 : 0;
  return parentsFirst(ix, drop, [...current].reverse())
    .reverse()
    .map((node) => ({ revision: ix.headers[node]!, direction: "down" }));
}
