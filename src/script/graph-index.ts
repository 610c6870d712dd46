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
  const down: number[][] = [];
  const deps: number[][] = [];
  const children: number[][] = Array.from({ length: n }, () => []);
  const dependents: number[][] = Array.from({ length: n }, () => []);
  headers.forEach((header, i) => {
    const parents = unique(header.downRevisions.map((id) => lookup(indexOf.get(id), header, "downRevision", id)));
    const needs = unique(
      header.dependsOn.map((id) => lookup(indexOf.get(id) ?? labelOwner.get(id), header, "dependsOn", id)),
    ).filter((p) => !parents.includes(p));
    down.push(parents);
    deps.push(needs);
    for (const p of parents) children[p]!.push(i);
    for (const p of needs) dependents[p]!.push(i);
  });

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

function lookup(index: number | undefined, header: RevisionHeader, field: string, id: string): number {
  if (index !== undefined) return index;
  const what = field === "dependsOn" ? "a revision or branch label" : "a revision";
  throw new AthanorError(
    "REVISION_FILE",
    `revision file ${header.path}: ${field} names "${id}", ${what} that no revision file defines`,
    { file: header.path, revision: header.revision },
  );
}

function unique(items: readonly number[]): number[] {
  return items.length < 2 ? [...items] : [...new Set(items)];
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
    for (const next of children[node]!) if (--waiting[next]! === 0) queue.push(next);
    for (const next of dependents[node]!) if (--waiting[next]! === 0) queue.push(next);
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
