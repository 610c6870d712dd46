/**
 * normalizeDefault / normalizeExpression: map a model's spelling and the server's spelling of
 * the same default, CHECK or index expression to one string.
 */
import type { ColumnType } from "../../snapshot/types.js";
import { isNumericType, isStringType, parsePgType } from "./column-types.js";
import { canonicalTokens, renderTokens } from "./sql-canonical.js";
import type { Token } from "./sql-tokens.js";

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const TRUE_WORDS = new Set(["t", "true", "y", "yes", "on", "1"]);
const FALSE_WORDS = new Set(["f", "false", "n", "no", "off", "0"]);

export function normalizeExpression(sql: string): string {
  // pg_get_constraintdef gives `CHECK (…)`, possibly followed by NOT VALID / NO INHERIT.
  const bare = sql
    .replace(/^\s*check\b/i, "")
    .replace(/\s+no\s+inherit\s*$/i, "")
    .replace(/\s+not\s+valid\s*$/i, "")
    .replace(/\s+no\s+inherit\s*$/i, "");
  return renderTokens(canonicalTokens(bare));
}

export function normalizeDefault(value: string | null, type: ColumnType): string | null {
  if (value === null || value.trim() === "") return null;
  const tokens = canonicalTokens(value);
  if (tokens.length === 1) {
    const single = normalizeSingle(tokens[0]!, type);
    if (single !== undefined) return single;
  }
  return renderTokens(tokens);
}

/** A default that is one literal; undefined when the general rendering is right. */
function normalizeSingle(t: Token, type: ColumnType): string | null | undefined {
  if (t.kind === "word" && t.text === "null") return null;
  const kind = type.kind === "raw" ? parsePgType(type.sql).kind : type.kind;
  if (isNumericType(type)) {
    if (t.kind === "number" || (t.kind === "string" && NUMBER.test(t.text.trim()))) return canonicalNumber(t.text.trim());
    return undefined;
  }
  if (kind === "boolean") {
    const word = t.text.trim().toLowerCase();
    if ((t.kind === "string" || t.kind === "word" || t.kind === "number") && TRUE_WORDS.has(word)) return "true";
    if ((t.kind === "string" || t.kind === "word" || t.kind === "number") && FALSE_WORDS.has(word)) return "false";
    return undefined;
  }
  if (isStringType(type) && t.kind === "number") return `'${t.text}'`;
  return undefined;
}

/** `0.00` ≡ `0`, `01.50` ≡ `1.5`, `-0` ≡ `0`, `+3` ≡ `3`, `2.5e3` ≡ `2500`. */
export function canonicalNumber(text: string): string {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!m) return text;
  let digits = `${m[2] ?? ""}${m[3] ?? ""}`;
  // Position of the decimal point within `digits`, moved by the exponent.
  let point = (m[2] ?? "").length + Number(m[4] ?? 0);
  if (point > digits.length) digits = digits.padEnd(point, "0");
  if (point < 0) { digits = "0".repeat(-point) + digits; point = 0; }
  const int = digits.slice(0, point).replace(/^0+/, "") || "0";
  const frac = digits.slice(point).replace(/0+$/, "");
  const body = frac ? `${int}.${frac}` : int;
  return m[1] === "-" && body !== "0" ? `-${body}` : body;
}
