/**
 * Removal of parentheses that do not change meaning, by PostgreSQL's operator precedence.
 * The server adds them around every operand (`((a >= 0) AND (b < 1))`) and users omit them.
 */
import type { Token } from "./sql-tokens.js";

export interface Group {
  readonly kind: "group";
  readonly open: "(" | "[";
  readonly items: Node[];
}

export type Node = Token | Group;

/** Binding strength of binary operators (higher binds tighter), after the PostgreSQL manual. */
const WORD_LEVELS: Record<string, number> = {
  or: 1, and: 2, not: 3, is: 4, isnull: 4, notnull: 4,
  between: 6, in: 6, like: 6, ilike: 6, similar: 6, collate: 11,
};

const SYMBOL_LEVELS: Record<string, number> = {
  "=": 5, "<": 5, ">": 5, "<=": 5, ">=": 5, "<>": 5,
  "+": 8, "-": 8, "*": 9, "/": 9, "%": 9, "^": 10, "::": 12,
};

/** Words around which an operand stands alone, like the start or end of the expression. */
const BOUNDARY_WORDS = new Set(["case", "when", "then", "else", "end", "asc", "desc", "nulls", "from"]);

const ATOM = Number.POSITIVE_INFINITY;

function symbolLevel(op: string): number {
  return SYMBOL_LEVELS[op] ?? 7;
}

export function unwrapRedundantParens(nodes: readonly Node[]): Node[] {
  const items: Node[] = nodes.map((n) => (n.kind === "group" ? { ...n, items: unwrapRedundantParens(n.items) } : n));
  let changed = true;
  while (changed) {
    changed = false;
    for (let i = 0; i < items.length; i++) {
      const g = items[i]!;
      if (g.kind !== "group" || g.open !== "(" || !redundant(g, items[i - 1], items[i + 1])) continue;
      items.splice(i, 1, ...g.items);
      changed = true;
      break;
    }
  }
  return items;
}

function redundant(group: Group, prev: Node | undefined, next: Node | undefined): boolean {
  if (group.items.length === 0) return false;
  if (group.items.some((n) => n.kind === "punct" && n.text === ",")) return false;
  const before = leftLevel(prev);
  const after = rightLevel(next);
  if (before === null || after === null) return false;
  const inner = lowestLevel(group.items);
  if (inner === ATOM) return true;
  const outer = Math.max(before, after);
  if (inner > outer) return true;
  if (inner < outer) return false;
  // AND and OR are associative; arithmetic groups to the left.
  if (inner === 1 || inner === 2) return true;
  return inner >= 7 && inner <= 9 && after === inner && before < inner;
}

/** Level of what precedes a group; null when the group is an argument list (`f(…)`, `IN (…)`). */
function leftLevel(prev: Node | undefined): number | null {
  if (!prev) return 0;
  if (prev.kind === "group") return null;
  if (prev.kind === "punct") return prev.text === "," ? 0 : null;
  if (prev.kind === "op") return symbolLevel(prev.text);
  if (prev.kind === "word") {
    if (prev.text === "in") return null;
    if (BOUNDARY_WORDS.has(prev.text)) return 0;
    return WORD_LEVELS[prev.text] ?? null;
  }
  return null;
}

function rightLevel(next: Node | undefined): number | null {
  if (!next) return 0;
  if (next.kind === "group") return next.open === "[" ? 12 : null;
  if (next.kind === "punct") return next.text === "," ? 0 : 12;
  if (next.kind === "op") return symbolLevel(next.text);
  if (next.kind === "word") {
    if (BOUNDARY_WORDS.has(next.text)) return 0;
    return WORD_LEVELS[next.text] ?? null;
  }
  return null;
}

/** The loosest operator at the top level of a sequence; ATOM when there is none. */
function lowestLevel(items: readonly Node[]): number {
  let lowest = ATOM;
  let pendingBetweenAnd = false;
  for (let i = 0; i < items.length; i++) {
    const n = items[i]!;
    const prev = items[i - 1];
    const operandBefore = prev !== undefined && !isOperator(prev);
    if (n.kind === "op") {
      if (operandBefore) lowest = Math.min(lowest, symbolLevel(n.text));
      continue;
    }
    if (n.kind !== "word") continue;
    if (n.text === "case") { i = skipCase(items, i); continue; }
    if (n.text === "and" && pendingBetweenAnd) { pendingBetweenAnd = false; continue; }
    if (n.text === "not") {
      // `IS NOT`, `NOT IN/LIKE/BETWEEN` take the level of the word they belong to.
      if (operandBefore || (prev?.kind === "word" && prev.text === "is")) continue;
      lowest = Math.min(lowest, 3);
      continue;
    }
    if (n.text === "between") pendingBetweenAnd = true;
    const level = WORD_LEVELS[n.text];
    if (level !== undefined) lowest = Math.min(lowest, level);
  }
  return lowest;
}

function isOperator(n: Node): boolean {
  return n.kind === "op" || (n.kind === "word" && (WORD_LEVELS[n.text] !== undefined || BOUNDARY_WORDS.has(n.text)));
}

function skipCase(items: readonly Node[], start: number): number {
  let depth = 0;
  for (let i = start; i < items.length; i++) {
    const n = items[i]!;
    if (n.kind !== "word") continue;
    if (n.text === "case") depth++;
    else if (n.text === "end" && --depth === 0) return i;
  }
  return items.length;
}
