import { AthanorError } from "../errors.js";
import type { RevisionHeader } from "./header.js";
import { branchLabelProblem, revisionIdProblem } from "./names.js";

/**
 * The revision graph as integer-indexed adjacency lists (index = position in file order),
 * built and validated once in O(revisions + edges). Everything else in the graph modules
 * works on this plain, never-mutated data.
 */
export interface GraphIndex {
  readonly headers: readonly RevisionHeader[];
  readonly indexOf: ReadonlyMap<string, number>;
  /** Branch label → the revision declaring it. */
  readonly labelOwner: ReadonlyMap<string, number>;
  /** `downRevision` parents. */
  readonly down: readonly (readonly number[])[];
  /** `dependsOn` targets (labels resolved; entries already in `down` dropped). */
  readonly deps: readonly (readonly number[])[];
  /** Inverse of `down`. */
  readonly children: readonly (readonly number[])[];
  /** Inverse of `deps`. */
  readonly dependents: readonly (readonly number[])[];
  /** All revision ids sorted, for prefix lookups by binary search. */
  readonly sortedIds: readonly string[];
  /** Revisions without `downRevision` children (Alembic's heads, "effective heads" included). */
  readonly heads: readonly number[];
  /** Revisions without children through either edge. */
  readonly realHeads: readonly number[];
  /** Revisions without `downRevision` parents. */
  readonly bases: readonly number[];
  /** Revisions without parents through either edge. */
  readonly realBases: readonly number[];
}

export function buildGraphIndex(headers: readonly RevisionHeader[]): GraphIndex {
  const n = headers.length;
  const indexOf = new Map<string, number>();
  headers.forEach((header, i) => {
    const problem = revisionIdProblem(header.revision);
    if (problem) {
      throw new AthanorError("REVISION_FILE", `revision file ${header.path}: revision id "${header.revision}" ${problem}`, {
        file: header.path,
        revision: header.revision,
      });
    }
    const earlier = indexOf.get(header.revision);
    if (earlier !== undefined) {
      throw new AthanorError(
        "DUPLICATE_REVISION",
        `revision "${header.revision}" is defined twice: in ${headers[earlier]!.path} and in ${header.path}`,
        { file: header.path, revision: header.revision },
      );
    }
    indexOf.set(header.revision, i);
  });

  const labelOwner = buildLabels(headers, indexOf);
  const down: number[][] = new Array(n);
  const deps: (readonly number[])[] = new Array(n);
  const children: number[][] = new Array(n);
  const dependents: (readonly number[])[] = new Array(n).fill(NONE);
  for (let i = 0; i < n; i++) children[i] = [];
  for (let i = 0; i < n; i++) {
    const header = headers[i]!;
    const parentIds = header.downRevisions;
    const parents: number[] = [];
    for (let k = 0; k < parentIds.length; k++) {
      const p = indexOf.get(parentIds[k]!) ?? missing(header, "downRevision", parentIds[k]!);
      if (parents.length === 0 || !parents.includes(p)) parents.push(p);
    }
    down[i] = parents;
    for (let k = 0; k < parents.length; k++) children[parents[k]!]!.push(i);
    const needIds = header.dependsOn;
    if (needIds.length === 0) {
      deps[i] = NONE;
      continue;
    }
    const needs: number[] = [];
    for (let k = 0; k < needIds.length; k++) {
      const p = indexOf.get(needIds[k]!) ?? labelOwner.get(needIds[k]!) ?? missing(header, "dependsOn", needIds[k]!);
      if (!parents.includes(p) && !needs.includes(p)) needs.push(p);
    }
    deps[i] = needs;
    for (const p of needs) dependents[p] = dependents[p] === NONE ? [i] : [...dependents[p]!, i];
  }

  checkAcyclic(headers, down, deps, children, dependents);

  const heads: number[] = [];
  const realHeads: number[] = [];
  const bases: number[] = [];
  const realBases: number[] = [];
  for (let i = 0; i < n; i++) {
    if (children[i]!.length === 0) {
      heads.push(i);
      if (dependents[i]!.length === 0) realHeads.push(i);
    }
    if (down[i]!.length === 0) {
      bases.push(i);
      if (deps[i]!.length === 0) realBases.push(i);
    }
  }
  const sortedIds = headers.map((h) => h.revision).sort();
  return { headers, indexOf, labelOwner, down, deps, children, dependents, sortedIds, heads, realHeads, bases, realBases };
}

function buildLabels(headers: readonly RevisionHeader[], indexOf: ReadonlyMap<string, number>): Map<string, number> {
  const owner = new Map<string, number>();
  headers.forEach((header, i) => {
    for (const label of header.branchLabels) {
      const problem = branchLabelProblem(label);
      if (problem) {
        throw new AthanorError("REVISION_FILE", `revision file ${header.path}: branch label "${label}" ${problem}`, {
          file: header.path,
          revision: header.revision,
        });
      }
      const sameAsRevision = indexOf.get(label);
      if (sameAsRevision !== undefined) {
        throw new AthanorError(
          "DUPLICATE_REVISION",
          `branch label "${label}" in ${header.path} is also the id of the revision in ${headers[sameAsRevision]!.path}`,
          { file: header.path, revision: header.revision },
        );
      }
      const earlier = owner.get(label);
      if (earlier !== undefined && earlier !== i) {
        throw new AthanorError(
          "DUPLICATE_REVISION",
          `branch label "${label}" is declared twice: by ${headers[earlier]!.revision} in ${headers[earlier]!.path} and by ${header.revision} in ${header.path}`,
          { file: header.path, revision: header.revision },
        );
      }
      owner.set(label, i);
    }
  });
  return owner;
}

/** The (frozen) empty edge list shared by revisions without dependsOn edges. */
const NONE: readonly number[] = Object.freeze([]);

function missing(header: RevisionHeader, field: string, id: string): never {
  const what = field === "dependsOn" ? "a revision or branch label" : "a revision";
  throw new AthanorError(
    "REVISION_FILE",
    `revision file ${header.path}: ${field} names "${id}", ${what} that no revision file defines`,
    { file: header.path, revision: header.revision },
  );
}

/**
 * Kahn's algorithm over both edge kinds; if some revisions never become free, every one
 * of them still has an unfreed parent, so following unfreed parents must close a loop.
 */
function checkAcyclic(
  headers: readonly RevisionHeader[],
  down: readonly (readonly number[])[],
  deps: readonly (readonly number[])[],
  children: readonly (readonly number[])[],
  dependents: readonly (readonly number[])[],
): void {
  const n = headers.length;
  const waiting = new Int32Array(n);
  const queue: number[] = [];
  for (let i = 0; i < n; i++) {
    waiting[i] = down[i]!.length + deps[i]!.length;
    if (waiting[i] === 0) queue.push(i);
  }
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head]!;
    const kids = children[node]!;
    for (let k = 0; k < kids.length; k++) if (--waiting[kids[k]!]! === 0) queue.push(kids[k]!);
    const users = dependents[node]!;
    for (let k = 0; k < users.length; k++) if (--waiting[users[k]!]! === 0) queue.push(users[k]!);
  }
  if (queue.length === n) return;

  const stuck = (i: number): boolean => waiting[i]! > 0;
  let node = 0;
  while (!stuck(node)) node++;
  const seenAt = new Map<number, number>();
  const path: number[] = [];
  while (!seenAt.has(node)) {
    seenAt.set(node, path.length);
    path.push(node);
    node = [...down[node]!, ...deps[node]!].find(stuck)!;
  }
  const cycle = path.slice(seenAt.get(node)!);
  const ids = [...cycle, cycle[0]!].map((i) => headers[i]!.revision);
  const files = cycle.map((i) => headers[i]!.path).join(", ");
  throw new AthanorError("CYCLE", `revisions form a cycle: ${ids.join(" -> ")} (each revises or depends on the next; files: ${files})`, {
    file: headers[cycle[0]!]!.path,
    revision: headers[cycle[0]!]!.revision,
  });
}
