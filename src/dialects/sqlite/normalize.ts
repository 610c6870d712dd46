/**
 * Canonical text for defaults and expressions, so that what a model writes and what SQLite
 * reflects (the text as stored, sometimes with parentheses stripped or added) compare equal.
 */
import type { ColumnType } from "../../snapshot/types.js";
import { isPunct, matchParen, tokenize, type Token } from "./tokens.js";

const SIMPLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const NUMERIC_KINDS = new Set(["integer", "bigint", "smallint", "real", "double", "numeric", "boolean"]);

export function normalizeExpression(sql: string): string {
  return render(dropRedundantParens(stripOuterParens(tokenize(sql))));
}

const LOGICAL = new Set(["AND", "OR"]);
const KEEPS_PARENS = new Set(["AND", "OR", "SELECT", "BETWEEN", "CASE"]);

const isLogical = (t: Token | undefined): boolean => t === undefined || isPunct(t, "(") || isPunct(t, ")") ||
  (t.kind === "word" && LOGICAL.has(t.text.toUpperCase()));

/**
 * SQLite keeps a CHECK or index predicate as written, so `(qty >= 0) AND (qty < 10)` must
 * compare equal to `qty >= 0 AND qty < 10`: parentheses around an operand of AND / OR that
 * holds no AND, OR, leading NOT, BETWEEN, CASE or subquery of its own change nothing, since every
 * other operator binds tighter (a leading NOT does not, so it keeps them).
 */
function dropRedundantParens(tokens: Token[]): Token[] {
  let t = tokens;
  for (let i = 0; i < t.length; i++) {
    if (!isPunct(t[i], "(") || !isLogical(t[i - 1])) continue;
    const close = matchParen(t, i);
    if (close < 0 || !isLogical(t[close + 1])) continue;
    const inner = t.slice(i + 1, close);
    const word = (x: Token | undefined, w: string) => x !== undefined && x.kind === "word" && x.text.toUpperCase() === w;
    // A leading NOT binds looser than comparisons; IS NOT, NOT NULL, NOT IN and NOT LIKE do not matter here.
    const prefixNot = (x: Token, k: number) => word(x, "NOT") && (k === 0 || isLogical(inner[k - 1]) || word(inner[k - 1], "NOT"));
    if (inner.length === 0 || inner.some((x, k) => (x.kind === "word" && KEEPS_PARENS.has(x.text.toUpperCase())) || prefixNot(x, k))) continue;
    t = [...t.slice(0, i), ...inner, ...t.slice(close + 1)];
    i--;
  }
  return t;
}

export function normalizeDefault(value: string | null, type: ColumnType): string | null {
  if (value === null) return null;
  const tokens = stripOuterParens(tokenize(value));
  if (tokens.length === 0) return null;
  const upper = tokens.map((t) => t.text.toUpperCase()).join("");
  if (upper === "NULL") return null;
  if (upper === "NOW()") return "current_timestamp";

  const number = signedNumber(tokens);
  if (type.kind === "boolean") {
    if (upper === "TRUE" || upper === "'TRUE'" || number === "1" || upper === "'1'") return "1";
    if (upper === "FALSE" || upper === "'FALSE'" || number === "0" || upper === "'0'") return "0";
  }
  if (number !== null) return number;
  // A quoted number in a numeric column is stored as that number (column affinity).
  if (NUMERIC_KINDS.has(type.kind) && tokens.length === 1 && tokens[0]!.kind === "string") {
    const inner = tokenize(tokens[0]!.value);
    const n = signedNumber(inner);
    if (n !== null && inner.length > 0) return n;
  }
  return render(tokens);
}

function stripOuterParens(tokens: Token[]): Token[] {
  let t = tokens.filter((x) => !isPunct(x, ";"));
  while (t.length >= 2 && isPunct(t[0], "(") && matchParen(t, 0) === t.length - 1) t = t.slice(1, -1);
  return t;
}

/** "-1.50" as tokens → "-1.5"; null when the tokens are not one (signed) number. */
function signedNumber(tokens: readonly Token[]): string | null {
  let sign = "";
  let i = 0;
  if (tokens.length === 2 && tokens[0]!.kind === "op" && (tokens[0]!.text === "-" || tokens[0]!.text === "+")) {
    sign = tokens[0]!.text === "-" ? "-" : "";
    i = 1;
  }
  const t = tokens[i];
  if (tokens.length !== i + 1 || t === undefined || t.kind !== "number") return null;
  const n = canonicalNumber(t.text);
  return n === "0" ? "0" : sign + n;
}

export function canonicalNumber(text: string): string {
  if (/^0x/i.test(text)) return BigInt(text).toString();
  if (/e/i.test(text)) return String(Number(text));
  const [intPart = "", frac = ""] = text.split(".");
  const i = intPart.replace(/^0+(?=\d)/, "") || "0";
  const f = frac.replace(/0+$/, "");
  return f ? `${i}.${f}` : i;
}

function canonicalToken(t: Token): string {
  switch (t.kind) {
    case "word": return t.text.toLowerCase();
    case "ident": return SIMPLE_NAME.test(t.value) ? t.value.toLowerCase() : `"${t.value.split('"').join('""')}"`;
    case "string": return `'${t.value.split("'").join("''")}'`;
    case "number": return canonicalNumber(t.text);
    case "blob": return t.text.toLowerCase();
    case "op": return t.text === "==" ? "=" : t.text === "!=" ? "<>" : t.text;
    case "punct": return t.text;
  }
}

/** Tokens joined by single spaces, with none inside parentheses, before commas, or around dots. */
function render(tokens: readonly Token[]): string {
  let out = "";
  let prev: Token | undefined;
  for (const t of tokens) {
    const tight = prev === undefined || isPunct(prev, "(") || isPunct(prev, ".") || isPunct(t, ")")
      || isPunct(t, ",") || isPunct(t, ".") || isPunct(t, "(");
    out += (tight ? "" : " ") + canonicalToken(t);
    prev = t;
  }
  return out;
}
