/**
 * Canonical text of a PostgreSQL expression, so that what a user writes and what the server
 * gives back (pg_get_expr / pg_get_constraintdef add casts, parentheses and change case) compare
 * equal. The result is for comparison only; it is never executed.
 */
import { isBareIdentifier } from "./identifiers.js";
import { unwrapRedundantParens, type Node } from "./sql-parens.js";
import { tokenize, type Token } from "./sql-tokens.js";

const NUMERIC_CAST_TYPES = new Set([
  "integer", "int", "int2", "int4", "int8", "bigint", "smallint", "numeric", "decimal", "real",
  "float4", "float8", "float", "double",
]);

/** Words that continue a multi-word type name after `::`. */
const TYPE_WORDS = new Set(["varying", "precision", "with", "without", "time", "zone"]);

const VALUE_FUNCTIONS = new Set(["current_timestamp", "current_date", "current_time", "localtimestamp", "localtime"]);

export function canonicalTokens(sql: string): Token[] {
  const tokens = rewriteBetween(dropCasts(mergeSigns(tokenize(sql))));
  const flat = flatten(unwrapRedundantParens(buildTree(tokens)));
  return rewriteSingleIn(rewriteAnyArray(flat));
}

export function renderTokens(tokens: readonly Token[]): string {
  let out = "";
  let prev: Token | undefined;
  for (const t of tokens) {
    const text = tokenText(t);
    if (prev && needsSpace(prev, t)) out += " ";
    out += text;
    prev = t;
  }
  return out;
}

function tokenText(t: Token): string {
  switch (t.kind) {
    case "string": return `'${t.text.replace(/'/g, "''")}'`;
    case "quoted": return `"${t.text.replace(/"/g, '""')}"`;
    case "word": return VALUE_FUNCTIONS.has(t.text) ? t.text.toUpperCase() : t.text;
    default: return t.text;
  }
}

function needsSpace(prev: Token, t: Token): boolean {
  if (t.kind === "punct" && [")", "]", ",", "."].includes(t.text)) return false;
  if (prev.kind === "punct" && ["(", "[", "."].includes(prev.text)) return false;
  if (t.kind === "punct" && t.text === "[") return false;
  if (t.kind === "punct" && t.text === "(") return !(prev.kind === "word" || prev.kind === "quoted") || isKeywordBeforeList(prev);
  return true;
}

function isKeywordBeforeList(t: Token): boolean {
  return t.kind === "word" && ["in", "and", "or", "not", "is", "when", "then", "else", "case", "between", "like", "ilike"].includes(t.text);
}

/** `-` followed by a number, where a value is expected, is a negative number. */
function mergeSigns(tokens: Token[]): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const next = tokens[i + 1];
    const prev = out[out.length - 1];
    const valueExpected = !prev || prev.kind === "op" || (prev.kind === "punct" && (prev.text === "(" || prev.text === ",")) ||
      (prev.kind === "word" && ["and", "or", "not", "when", "then", "else", "between", "is"].includes(prev.text));
    if (t.kind === "op" && (t.text === "-" || t.text === "+") && next?.kind === "number" && valueExpected) {
      out.push({ kind: "number", text: t.text === "-" ? `-${next.text}` : next.text });
      i++;
      continue;
    }
    out.push(t);
  }
  return out;
}

/**
 * Drop every `::type` cast (the server adds them everywhere); a quoted number cast to a numeric
 * type becomes the number. Also: quoted identifiers that need no quotes lose them, now() is
 * CURRENT_TIMESTAMP.
 */
function dropCasts(tokens: Token[]): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i]!;
    if (t.kind === "op" && t.text === "::") {
      const [typeWord, end] = skipTypeName(tokens, i + 1);
      const prev = out[out.length - 1];
      if (prev?.kind === "string" && NUMERIC_CAST_TYPES.has(typeWord) && /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(prev.text.trim())) {
        out[out.length - 1] = { kind: "number", text: prev.text.trim().replace(/^\+/, "") };
      }
      i = end;
      continue;
    }
    if (t.kind === "quoted" && isBareIdentifier(t.text)) { out.push({ kind: "word", text: t.text }); i++; continue; }
    if (t.kind === "word" && (t.text === "now" || t.text === "transaction_timestamp") &&
      tokens[i + 1]?.text === "(" && tokens[i + 2]?.text === ")") {
      out.push({ kind: "word", text: "current_timestamp" });
      i += 3;
      continue;
    }
    out.push(t);
    i++;
  }
  return out;
}

/** Skip a type name after `::`; returns its first word and the index after it. */
function skipTypeName(tokens: Token[], start: number): [string, number] {
  let i = start;
  const first = tokens[i];
  if (!first || (first.kind !== "word" && first.kind !== "quoted")) return ["", i];
  i++;
  while (tokens[i]?.text === "." && tokens[i + 1] && (tokens[i + 1]!.kind === "word" || tokens[i + 1]!.kind === "quoted")) i += 2;
  for (;;) {
    const t = tokens[i];
    if (t?.kind === "word" && TYPE_WORDS.has(t.text)) { i++; continue; }
    if (t?.kind === "punct" && t.text === "(") {
      let depth = 0;
      do {
        if (tokens[i]?.text === "(") depth++;
        else if (tokens[i]?.text === ")") depth--;
        i++;
      } while (i < tokens.length && depth > 0);
      continue;
    }
    if (t?.kind === "punct" && t.text === "[" && tokens[i + 1]?.text === "]") { i += 2; continue; }
    break;
  }
  return [first.text, i];
}

function isAtom(t: Token | undefined): boolean {
  return !!t && (t.kind === "string" || t.kind === "number" || t.kind === "quoted" ||
    (t.kind === "word" && !["and", "or", "not", "between", "is", "in"].includes(t.text)));
}

/** `x BETWEEN a AND b` (all single tokens) is written by the server as `x >= a AND x <= b`. */
function rewriteBetween(tokens: Token[]): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const x = out[out.length - 1];
    if (t.kind === "word" && t.text === "between" && isAtom(x) && isAtom(tokens[i + 1]) &&
      tokens[i + 2]?.text === "and" && isAtom(tokens[i + 3]) && tokens[i + 4]?.text !== "(" &&
      tokens[i + 4]?.text !== "." && out[out.length - 2]?.text !== ".") {
      out.pop();
      out.push(
        { kind: "punct", text: "(" }, x!, { kind: "op", text: ">=" }, tokens[i + 1]!,
        { kind: "word", text: "and" }, x!, { kind: "op", text: "<=" }, tokens[i + 3]!, { kind: "punct", text: ")" },
      );
      i += 3;
      continue;
    }
    out.push(t);
  }
  return out;
}

/** `x = ANY (ARRAY[a, b])` is how the server stores `x IN (a, b)`; `<> ALL` is NOT IN. */
function rewriteAnyArray(tokens: Token[]): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const quantifier = tokens[i + 1]?.text;
    const negated = t.text === "<>" && quantifier === "all";
    if (t.kind === "op" && ((t.text === "=" && quantifier === "any") || negated) &&
      tokens[i + 2]?.text === "(" && tokens[i + 3]?.text === "array" && tokens[i + 4]?.text === "[") {
      const close = matching(tokens, i + 4);
      if (close > 0 && tokens[close + 1]?.text === ")") {
        if (negated) out.push({ kind: "word", text: "not" });
        out.push({ kind: "word", text: "in" }, { kind: "punct", text: "(" }, ...tokens.slice(i + 5, close), { kind: "punct", text: ")" });
        i = close + 1;
        continue;
      }
    }
    out.push(t);
  }
  return out;
}

/** The server stores `x IN (a)` as `x = a` and `x NOT IN (a)` as `x <> a`. */
function rewriteSingleIn(tokens: Token[]): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const negated = t.kind === "word" && t.text === "not" && tokens[i + 1]?.text === "in" && endsOperand(out[out.length - 1]);
    const at = negated ? i + 1 : i;
    const inWord = tokens[at];
    if (inWord?.kind === "word" && inWord.text === "in" && tokens[at + 1]?.text === "(" && tokens[at + 3]?.text === ")" &&
      tokens[at + 2]?.kind !== "punct" && (negated || endsOperand(out[out.length - 1]))) {
      out.push({ kind: "op", text: negated ? "<>" : "=" }, tokens[at + 2]!);
      i = at + 3;
      continue;
    }
    out.push(t);
  }
  return out;
}

function endsOperand(t: Token | undefined): boolean {
  return isAtom(t) || (t?.kind === "punct" && (t.text === ")" || t.text === "]"));
}

function matching(tokens: readonly Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    const x = tokens[i]!.text;
    if (tokens[i]!.kind !== "punct") continue;
    if (x === "(" || x === "[") depth++;
    else if (x === ")" || x === "]") { depth--; if (depth === 0) return i; }
  }
  return -1;
}

function buildTree(tokens: readonly Token[]): Node[] {
  const root: Node[] = [];
  const stack: { open: "(" | "["; items: Node[] }[] = [];
  const current = (): Node[] => stack[stack.length - 1]?.items ?? root;
  for (const t of tokens) {
    if (t.kind === "punct" && (t.text === "(" || t.text === "[")) {
      stack.push({ open: t.text, items: [] });
    } else if (t.kind === "punct" && (t.text === ")" || t.text === "]") && stack.length > 0) {
      const g = stack.pop()!;
      current().push({ kind: "group", open: g.open, items: g.items });
    } else {
      current().push(t);
    }
  }
  while (stack.length > 0) {
    const g = stack.pop()!;
    current().push({ kind: "group", open: g.open, items: g.items });
  }
  return root;
}

function flatten(nodes: readonly Node[]): Token[] {
  const out: Token[] = [];
  for (const n of nodes) {
    if (n.kind === "group") {
      out.push({ kind: "punct", text: n.open }, ...flatten(n.items), { kind: "punct", text: n.open === "(" ? ")" : "]" });
    } else {
      out.push(n);
    }
  }
  return out;
}
