import { AthanorError } from "../errors.js";
import { buildGraphIndex } from "./graph-index.js";
import type { GraphIndex } from "./graph-index.js";
import { planDowngrade, planUpgrade } from "./graph-plan.js";
import type { Step } from "./graph-plan.js";
import { currentNodes, parseRange, resolveTarget } from "./graph-resolve.js";
import { nextRowNodes, versionRowNodes } from "./graph-rows.js";
import { ancestorMask, descendantMask, members, parentsFirst } from "./graph-traverse.js";
import { historyEntry, historyNodes, inheritedLabels } from "./graph-walk.js";
import type { HistoryEntry } from "./graph-walk.js";
import type { RevisionHeader } from "./header.js";

export interface TraversalOptions {
  /** Follow `dependsOn` edges as well as `downRevision` edges (default true). */
  readonly includeDependencies?: boolean;
  /** Include the starting revisions themselves (default false). */
  readonly inclusive?: boolean;
}

/**
 * Alembic's revision graph over statically read headers: validation, heads and bases,
 * identifier resolution, upgrade/downgrade plans, version-table rows and history.
 * Built once in linear time; immutable afterwards. Revisions are returned as ids; `get`
 * gives the header. "File order" (the order of the headers given) breaks every tie.
 */
export class RevisionGraph {
  readonly #ix: GraphIndex;
  #labels: readonly (readonly string[])[] | undefined;

  /** Validates duplicates, missing parents, cycles and branch labels (AthanorError). */
  constructor(headers: readonly RevisionHeader[]) {
    this.#ix = buildGraphIndex(headers);
  }

  get size(): number {
    return this.#ix.headers.length;
  }

  /** All headers in file order. */
  get revisions(): readonly RevisionHeader[] {
    return this.#ix.headers;
  }

  has(id: string): boolean {
    return this.#ix.indexOf.has(id);
  }

  /** The header of a full revision id (REVISION_NOT_FOUND otherwise; use `resolve` for other forms). */
  get(id: string): RevisionHeader {
    return this.#ix.headers[this.#node(id)]!;
  }

  /** Revisions nothing has as `downRevision` (Alembic's heads; "effective heads" included). */
  get heads(): readonly string[] {
    return this.#ids(this.#ix.heads);
  }

  /** Heads that nothing depends on either (`heads --resolve-dependencies`). */
  get realHeads(): readonly string[] {
    return this.#ids(this.#ix.realHeads);
  }

  /** Revisions without `downRevision`. */
  get bases(): readonly string[] {
    return this.#ids(this.#ix.bases);
  }

  /** Revisions that several revisions have as `downRevision`. */
  get branchPoints(): readonly string[] {
    return this.#ids(this.#where((node) => this.#ix.children[node]!.length > 1));
  }

  /** Revisions with several `downRevision`s. */
  get mergePoints(): readonly string[] {
    return this.#ids(this.#where((node) => this.#ix.down[node]!.length > 1));
  }

  /** The `downRevision`s of a revision. */
  parents(id: string): readonly string[] {
    return this.#ids(this.#ix.down[this.#node(id)]!);
  }

  /** The revisions a revision's `dependsOn` names (branch labels resolved). */
  dependencies(id: string): readonly string[] {
    return this.#ids(this.#ix.deps[this.#node(id)]!);
  }

  /** Revisions having `id` as `downRevision`. */
  children(id: string): readonly string[] {
    return this.#ids(this.#ix.children[this.#node(id)]!);
  }

  /** Revisions naming `id` in `dependsOn`. */
  dependents(id: string): readonly string[] {
    return this.#ids(this.#ix.dependents[this.#node(id)]!);
  }

  /** The revision declaring a branch label, or null. */
  labelOwner(label: string): string | null {
    const node = this.#ix.labelOwner.get(label);
    return node === undefined ? null : this.#ix.headers[node]!.revision;
  }

  /** Ancestors in file order. */
  ancestors(ids: string | readonly string[], options: TraversalOptions = {}): string[] {
    return this.#reach(ids, options, "up");
  }

  /** Descendants in file order. */
  descendants(ids: string | readonly string[], options: TraversalOptions = {}): string[] {
    return this.#reach(ids, options, "down");
  }

  /** Whether `a` and `b` lie on one line of `downRevision` edges (one descends from the other). */
  sharesLineage(a: string, b: string): boolean {
    const [x, y] = [this.#node(a), this.#node(b)];
    return ancestorMask(this.#ix, [x], false)[y] === 1 || ancestorMask(this.#ix, [y], false)[x] === 1;
  }

  /**
   * The revisions an identifier names (see graph-resolve.ts for the forms); [] means base.
   * Errors: REVISION_NOT_FOUND, REVISION_AMBIGUOUS (prefix, or a walk across a branch or
   * merge point), MULTIPLE_HEADS ("head" with several heads, "+1" with several current heads).
   */
  resolve(identifier: string, currentHeads: readonly string[] = []): string[] {
    return this.#ids(resolveTarget(this.#ix, identifier, currentNodes(this.#ix, currentHeads)).revisions);
  }

  /** Like `resolve` for a place that takes one revision: null for base, MULTIPLE_HEADS for several. */
  resolveOne(identifier: string, currentHeads: readonly string[] = []): string | null {
    const ids = this.resolve(identifier, currentHeads);
    if (ids.length > 1) {
      throw new AthanorError("MULTIPLE_HEADS", `"${identifier}" names several revisions (${ids.join(", ")}); name one of them`);
    }
    return ids[0] ?? null;
  }

  planUpgrade(currentHeads: readonly string[], target: string): Step[] {
    return planUpgrade(this.#ix, currentHeads, target);
  }

  planDowngrade(currentHeads: readonly string[], target: string): Step[] {
    return planDowngrade(this.#ix, currentHeads, target);
  }

  /** Every revision the version rows imply: the rows and all their ancestors through both edges. */
  appliedFrom(currentHeads: readonly string[]): Set<string> {
    const mask = ancestorMask(this.#ix, currentNodes(this.#ix, currentHeads), true);
    return new Set(this.#ids(members(mask)));
  }

  /**
   * The version-table rows for an applied set (ancestor-closed, as `appliedFrom` returns):
   * the applied revisions that no applied revision revises or depends on, in file order.
   */
  versionRows(applied: ReadonlySet<string>): string[] {
    const mask = new Uint8Array(this.size);
    for (const id of applied) mask[this.#node(id)] = 1;
    return this.#ids(versionRowNodes(this.#ix, mask));
  }

  /**
   * The rows after running `step`, computed from the rows and applied set before it in
   * O(degree) instead of a full `versionRows`; agrees with `versionRows` of the applied
   * set after the step.
   */
  nextRows(rows: readonly string[], appliedBefore: ReadonlySet<string>, step: Step): string[] {
    const rowNodes = rows.map((id) => this.#node(id));
    const node = this.#node(step.revision.revision);
    const applied = (n: number): boolean => appliedBefore.has(this.#ix.headers[n]!.revision);
    return this.#ids(nextRowNodes(this.#ix, rowNodes, applied, node, step.direction));
  }

  /** History newest first, optionally limited to a `from:to` range (`history -r`; blank means all). */
  walk(range?: string, currentHeads: readonly string[] = []): HistoryEntry[] {
    const current = currentNodes(this.#ix, currentHeads);
    const nodes = historyNodes(this.#ix, range === undefined || range.trim() === "" ? null : parseRange(range), current);
    return this.#entries(nodes, current);
  }

  /** A revision and everything it needs (both edges), newest first. */
  lineage(id: string, currentHeads: readonly string[] = []): HistoryEntry[] {
    const start = this.#node(id);
    const nodes = parentsFirst(this.#ix, ancestorMask(this.#ix, [start], true), [start]).reverse();
    return this.#entries(nodes, currentNodes(this.#ix, currentHeads));
  }

  /** The history markers of one revision. */
  entry(id: string, currentHeads: readonly string[] = []): HistoryEntry {
    return this.#entries([this.#node(id)], currentNodes(this.#ix, currentHeads))[0]!;
  }

  #entries(nodes: readonly number[], current: readonly number[]): HistoryEntry[] {
    this.#labels ??= inheritedLabels(this.#ix);
    const labels = this.#labels;
    const currentSet = new Set(current);
    return nodes.map((node) => historyEntry(this.#ix, node, currentSet, labels));
  }

  #node(id: string): number {
    const node = this.#ix.indexOf.get(id);
    if (node === undefined) throw new AthanorError("REVISION_NOT_FOUND", `no revision "${id}"`, { revision: id });
    return node;
  }

  #ids(nodes: readonly number[]): string[] {
    return nodes.map((node) => this.#ix.headers[node]!.revision);
  }

  #where(test: (node: number) => boolean): number[] {
    const out: number[] = [];
    for (let node = 0; node < this.size; node++) if (test(node)) out.push(node);
    return out;
  }

  #reach(ids: string | readonly string[], options: TraversalOptions, direction: "up" | "down"): string[] {
    const withDeps = options.includeDependencies ?? true;
    const starts = (typeof ids === "string" ? [ids] : ids).map((id) => this.#node(id));
    const [edges, depEdges] = direction === "up" ? [this.#ix.down, this.#ix.deps] : [this.#ix.children, this.#ix.dependents];
    const seeds = options.inclusive ? starts : starts.flatMap((s) => (withDeps ? [...edges[s]!, ...depEdges[s]!] : edges[s]!));
    const traverse = direction === "up" ? ancestorMask : descendantMask;
    return this.#ids(members(traverse(this.#ix, seeds, withDeps)));
  }
}
