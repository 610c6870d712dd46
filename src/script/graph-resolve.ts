import { AthanorError } from "../errors.js";
import type { GraphIndex } from "./graph-index.js";
import { ancestorMask, lineageMask, members } from "./graph-traverse.js";
import type { Mask } from "./graph-traverse.js";
import { RESERVED_NAMES } from "./names.js";

/**
 * Alembic's revision identifiers, resolved against a GraphIndex and the database's
 * current heads:
 *   full id, unique prefix, branch label, head, heads, base, current,
 *   +N / -N (from current), <rev>+N, head-N, base+N,
 *   <branch>@head, <branch>@heads, <branch>@base, <branch>@<rev>,
 *   <branch>@+N / <branch>@-N (from the current head on that branch), <branch>@head-N,
 * where <branch> is a branch label or any revision on the branch.
 */
export interface Target {
  /** The revisions named; empty means base (nothing applied). */
  readonly revisions: readonly number[];
  /** The revision whose line the identifier is scoped to (`branch@…`, `-N`), else null. */
  readonly branch: number | null;
}

export interface RelativeForm {
  readonly branch: string | null;
  readonly symbol: string | null;
  readonly delta: number;
}

export interface RevisionRange {
  /** Lower end, inclusive; null means base. */
  readonly from: string | null;
  /** Upper end, inclusive; null means heads. */
  readonly to: string | null;
}

const RELATIVE = /^(?:([^@]+)@)?([^@:+\-]+)?([+-]\d+)$/;
const MAX_LISTED = 10;

/** Splits `[branch@][symbol]±N`, or returns null when the identifier is not relative. */
export function parseRelative(identifier: string): RelativeForm | null {
  const m = RELATIVE.exec(identifier.trim());
  if (!m) return null;
  return { branch: m[1] ?? null, symbol: m[2] ?? null, delta: Number.parseInt(m[3]!, 10) };
}

/** Splits `from:to` (either side may be empty: `:to`, `from:`, `:`). */
export function parseRange(text: string): RevisionRange {
  const parts = text.split(":");
  if (parts.length !== 2) {
    throw new AthanorError("USAGE", `revision range "${text}" must look like "from:to", "from:" or ":to"`);
  }
  const [from, to] = parts.map((part) => part.trim() || null) as [string | null, string | null];
  return { from, to };
}

/** Validates the database's current heads and turns them into indexes. */
export function currentNodes(ix: GraphIndex, currentHeads: readonly string[]): number[] {
  const nodes: number[] = [];
  for (const id of currentHeads) {
    const node = ix.indexOf.get(id);
    if (node === undefined) {
      throw new AthanorError(
        "REVISION_NOT_FOUND",
        `the database is at revision "${id}", which no revision file defines (was the file deleted, or not pulled yet?)`,
        { revision: id },
      );
    }
    if (!nodes.includes(node)) nodes.push(node);
  }
  return nodes;
}

export function resolveTarget(ix: GraphIndex, identifier: string, current: readonly number[]): Target {
  const text = identifier.trim();
  if (text === "") throw new AthanorError("USAGE", "empty revision identifier");
  if (text.includes(":")) {
    throw new AthanorError("USAGE", `"${text}" is a range (from:to); give a single revision here`);
  }
  const relative = parseRelative(text);
  if (relative) return resolveRelative(ix, text, relative, current);
  const at = text.lastIndexOf("@");
  if (at >= 0) return resolveOnBranch(ix, text, text.slice(0, at), text.slice(at + 1), current);
  return { revisions: resolvePlain(ix, text, current), branch: null };
}

function resolvePlain(ix: GraphIndex, text: string, current: readonly number[]): number[] {
  switch (text) {
    case "heads":
      return [...ix.heads];
    case "head": {
      const head = singleHead(ix, ix.heads, text, null);
      return head === null ? [] : [head];
    }
    case "base":
      return [];
    case "current":
      return [...current];
    default:
      return [resolveName(ix, text, null)];
  }
}

function resolveOnBranch(ix: GraphIndex, text: string, branchName: string, rest: string, current: readonly number[]): Target {
  const anchor = resolveAnchor(ix, branchName, text);
  const line = lineageMask(ix, anchor);
  const onLine = (nodes: readonly number[]): number[] => nodes.filter((node) => line[node]);
  switch (rest) {
    case "head": {
      const head = singleHead(ix, onLine(ix.heads), text, branchName);
      return { revisions: head === null ? [] : [head], branch: anchor };
    }
    case "heads":
      return { revisions: onLine(ix.heads), branch: anchor };
    case "base":
      return { revisions: [], branch: anchor };
    case "current":
      return { revisions: onLine(current), branch: anchor };
    default:
      if (rest === "") throw new AthanorError("USAGE", `"${text}" names no revision after "@"`);
      return { revisions: [resolveName(ix, rest, { line, branchName })], branch: anchor };
  }
}

function resolveRelative(ix: GraphIndex, text: string, form: RelativeForm, current: readonly number[]): Target {
  const anchor = form.branch === null ? null : resolveAnchor(ix, form.branch, text);
  if (form.symbol === null) {
    if (form.delta >= 0) {
      const start = currentStartUp(ix, current, anchor, text);
      return { revisions: orBase(walkUp(ix, start, form.delta, anchor, text)), branch: anchor };
    }
    const start = currentStartDown(ix, current, anchor, text);
    return { revisions: orBase(walkDown(ix, start, -form.delta, text)), branch: anchor ?? start };
  }
  const from =
    form.branch === null
      ? resolvePlain(ix, form.symbol, current)
      : resolveOnBranch(ix, text, form.branch, form.symbol, current).revisions;
  if (from.length > 1) {
    throw new AthanorError(
      "MULTIPLE_HEADS",
      `"${text}" steps from "${form.symbol}", which names several revisions (${listIds(ix, from)}); step from one of them`,
    );
  }
  const start = from[0] ?? null;
  const end = form.delta >= 0 ? walkUp(ix, start, form.delta, anchor, text) : walkDown(ix, start, -form.delta, text);
  return { revisions: orBase(end), branch: anchor };
}

function orBase(node: number | null): number[] {
  return node === null ? [] : [node];
}

/** A branch label or revision (id or prefix) naming a line of history, before `@`. */
function resolveAnchor(ix: GraphIndex, name: string, text: string): number {
  if (name.trim() === "") throw new AthanorError("USAGE", `"${text}" names no branch before "@"`);
  if (RESERVED_NAMES.has(name)) {
    throw new AthanorError("USAGE", `"${text}": "${name}" cannot name a branch; put a branch label or revision before "@"`);
  }
  return resolveName(ix, name, null);
}

/** An exact id, then a branch label, then a unique id prefix; optionally restricted to one branch's line. */
function resolveName(ix: GraphIndex, name: string, scope: { line: Mask; branchName: string } | null): number {
  const exact = ix.indexOf.get(name) ?? ix.labelOwner.get(name);
  if (exact !== undefined) {
    if (scope !== null && !scope.line[exact]) {
      throw new AthanorError("REVISION_NOT_FOUND", `revision ${ix.headers[exact]!.revision} is not on branch "${scope.branchName}"`, {
        revision: ix.headers[exact]!.revision,
      });
    }
    return exact;
  }
  let candidates = prefixMatches(ix, name);
  if (scope !== null) candidates = candidates.filter((node) => scope.line[node]);
  if (candidates.length === 1) return candidates[0]!;
  if (candidates.length > 1) {
    throw new AthanorError(
      "REVISION_AMBIGUOUS",
      `"${name}" is ambiguous: ${candidates.length} revisions start with it (${listIds(ix, candidates)}); give more characters`,
      { revision: name },
    );
  }
  const where = scope === null ? "" : ` on branch "${scope.branchName}"`;
  const hint = name.length < 4 ? "; a partial id needs enough characters to be unique" : "";
  throw new AthanorError("REVISION_NOT_FOUND", `no revision or branch label "${name}"${where}${hint}`, { revision: name });
}

function prefixMatches(ix: GraphIndex, prefix: string): number[] {
  const ids = ix.sortedIds;
  let lo = 0;
  let hi = ids.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ids[mid]! < prefix) lo = mid + 1;
    else hi = mid;
  }
  const out: number[] = [];
  for (let i = lo; i < ids.length && ids[i]!.startsWith(prefix); i++) out.push(ix.indexOf.get(ids[i]!)!);
  return out;
}

function singleHead(ix: GraphIndex, heads: readonly number[], text: string, branchName: string | null): number | null {
  if (heads.length <= 1) return heads[0] ?? null;
  const scope = branchName === null ? "there are" : `branch "${branchName}" has`;
  const narrow = branchName === null ? `"<label>@head" or a revision id` : "a revision id";
  const all = branchName === null ? `"heads"` : `"${branchName}@heads"`;
  throw new AthanorError(
    "MULTIPLE_HEADS",
    `"${text}" is ambiguous: ${scope} ${heads.length} heads (${listIds(ix, heads)}); name one with ${narrow}, ` +
      `use ${all} for all of them, or join them with \`athanor merge heads\``,
  );
}

/** The current head to count `+N` from: the only one, or the one on the given branch (base if none). */
function currentStartUp(ix: GraphIndex, current: readonly number[], anchor: number | null, text: string): number | null {
  const starts = anchor === null ? current : currentOnBranch(ix, current, anchor);
  if (starts.length > 1) {
    throw new AthanorError(
      "MULTIPLE_HEADS",
      `"${text}" is ambiguous: the database is at several heads (${listIds(ix, starts)}); ` +
        `count from one with "<label>@+N" or "<revision>@+N"`,
    );
  }
  return starts[0] ?? null;
}

/** The current head to count `-N` from. */
function currentStartDown(ix: GraphIndex, current: readonly number[], anchor: number | null, text: string): number {
  const starts = anchor === null ? current : currentOnBranch(ix, current, anchor);
  if (starts.length === 0) {
    const where = anchor === null ? "" : ` on the branch of ${ix.headers[anchor]!.revision}`;
    throw new AthanorError("REVISION_NOT_FOUND", `"${text}": no revision${where} is applied, so there is nothing to step back from`);
  }
  if (starts.length > 1) {
    const first = ix.headers[starts[0]!]!.revision;
    throw new AthanorError(
      "MULTIPLE_HEADS",
      `"${text}" is ambiguous: the database is at several heads (${listIds(ix, starts)}); ` +
        `say which to step back from, e.g. "${first}@${text.replace(/^.*@/, "")}"`,
    );
  }
  return starts[0]!;
}

/**
 * The applied tips on `anchor`'s line: current heads on it, or, when the branch's own head
 * is not a current head (its line continues inside another branch), the newest applied
 * revisions on the line.
 */
function currentOnBranch(ix: GraphIndex, current: readonly number[], anchor: number): number[] {
  const line = lineageMask(ix, anchor);
  const direct = current.filter((node) => line[node]);
  if (direct.length > 0) return direct;
  const applied = ancestorMask(ix, current, true);
  const onLine = members(applied).filter((node) => line[node]);
  const covered = new Set(onLine.flatMap((node) => [...ix.down[node]!, ...ix.deps[node]!]));
  return onLine.filter((node) => !covered.has(node));
}

function walkUp(ix: GraphIndex, start: number | null, steps: number, anchor: number | null, text: string): number | null {
  const line = anchor === null ? null : lineageMask(ix, anchor);
  let node = start;
  for (let i = 0; i < steps; i++) {
    let next = node === null ? ix.bases : ix.children[node]!;
    if (line !== null) next = next.filter((child) => line[child]);
    const from = node === null ? "base" : ix.headers[node]!.revision;
    if (next.length === 0) {
      throw new AthanorError("REVISION_NOT_FOUND", `"${text}" goes past the top: only ${i} revision(s) lead up from ${start === null ? "base" : ix.headers[start]!.revision}`);
    }
    if (next.length > 1) {
      throw new AthanorError(
        "REVISION_AMBIGUOUS",
        `"${text}" is ambiguous: ${from} branches into ${listIds(ix, next)}; pick a branch with "<label>@+N" or "<revision>@+N"`,
      );
    }
    node = next[0]!;
  }
  return node;
}

function walkDown(ix: GraphIndex, start: number | null, steps: number, text: string): number | null {
  let node = start;
  for (let i = 0; i < steps; i++) {
    if (node === null) {
      throw new AthanorError("REVISION_NOT_FOUND", `"${text}" goes past base: only ${i} step(s) lead down from ${start === null ? "base" : ix.headers[start]!.revision}`);
    }
    const parents = ix.down[node]!;
    if (parents.length > 1) {
      throw new AthanorError(
        "REVISION_AMBIGUOUS",
        `"${text}" is ambiguous: ${ix.headers[node]!.revision} merges ${listIds(ix, parents)}; name the revision to go to`,
      );
    }
    node = parents[0] ?? null;
  }
  return node;
}

export function listIds(ix: GraphIndex, nodes: readonly number[]): string {
  const shown = nodes.slice(0, MAX_LISTED).map((node) => ix.headers[node]!.revision);
  return nodes.length > MAX_LISTED ? `${shown.join(", ")}, and ${nodes.length - MAX_LISTED} more` : shown.join(", ");
}
