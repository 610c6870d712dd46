/**
 * A small SQL tokenizer for the text SQLite keeps in sqlite_schema. SQLite stores CREATE statements
 * as written, so constraint names, CHECK bodies and index expressions can only be read from that text;
 * tokens (rather than regexes) keep quoted names and string literals from confusing the parsers.
 */

export type TokenKind = "word" | "ident" | "string" | "number" | "blob" | "op" | "punct";

export interface Token {
  readonly kind: TokenKind;
  /** The token exactly as written. */
  readonly text: string;
  /** For `ident` (quoted identifiers) and `string`: the unquoted value. Otherwise the text. */
  readonly value: string;
  readonly start: number;
  readonly end: number;
}

const MULTI_OPS = ["||", "<<", ">>", "<=", ">=", "==", "!=", "<>", "->>", "->"];
/** Sticky: matched in place at lastIndex, without copying the rest of the text. */
const NUMBER = /0x[0-9a-f]+|(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?/iy;

// Character classes by code unit: a schema of a thousand tables is a megabyte of CREATE text.
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isWordStart = (c: number): boolean => isLetter(c) || c === 95 || c >= 0x80;
const isWordPart = (c: number): boolean => isWordStart(c) || isDigit(c) || c === 36;
const isSpace = (c: number, ch: string): boolean => (c < 0x80 ? c === 32 || (c >= 9 && c <= 13) : /\s/.test(ch));

export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const push = (kind: TokenKind, start: number, end: number, value?: string): void => {
    const text = sql.slice(start, end);
    tokens.push({ kind, text, value: value ?? text, start, end });
  };
  while (i < sql.length) {
    const ch = sql[i]!;
    const c = sql.charCodeAt(i);
    if (isSpace(c, ch)) { i++; continue; }
    if (ch === "-" && sql[i + 1] === "-") {
      const nl = sql.indexOf("\n", i);
      i = nl < 0 ? sql.length : nl + 1;
      continue;
    }
    if (ch === "/" && sql[i + 1] === "*") {
      const close = sql.indexOf("*/", i + 2);
      i = close < 0 ? sql.length : close + 2;
      continue;
    }
    if ((ch === "x" || ch === "X") && sql[i + 1] === "'") {
      const end = scanQuoted(sql, i + 1, "'");
      push("blob", i, end);
      i = end;
      continue;
    }
    if (ch === "'" || ch === '"' || ch === "`") {
      const end = scanQuoted(sql, i, ch);
      const inner = sql.slice(i + 1, end - 1).split(ch + ch).join(ch);
      push(ch === "'" ? "string" : "ident", i, end, inner);
      i = end;
      continue;
    }
    if (ch === "[") {
      const close = sql.indexOf("]", i + 1);
      const end = close < 0 ? sql.length : close + 1;
      push("ident", i, end, sql.slice(i + 1, end - 1));
      i = end;
      continue;
    }
    if (isDigit(c) || (ch === "." && isDigit(sql.charCodeAt(i + 1)))) {
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(sql)!;
      push("number", i, i + m[0].length);
      i += m[0].length;
      continue;
    }
    if (isWordStart(c)) {
      let j = i + 1;
      while (j < sql.length && isWordPart(sql.charCodeAt(j))) j++;
      push("word", i, j);
      i = j;
      continue;
    }
    if ("(),;.".includes(ch)) { push("punct", i, i + 1); i++; continue; }
    const multi = MULTI_OPS.find((op) => sql.startsWith(op, i));
    const len = multi ? multi.length : 1;
    push("op", i, i + len);
    i += len;
  }
  return tokens;
}

/** Index just past the closing quote; a doubled quote inside is an escaped quote. */
function scanQuoted(sql: string, open: number, quote: string): number {
  let j = open + 1;
  while (j < sql.length) {
    if (sql[j] === quote) {
      if (sql[j + 1] === quote) { j += 2; continue; }
      return j + 1;
    }
    j++;
  }
  return sql.length;
}

export function isWord(t: Token | undefined, ...words: string[]): boolean {
  return t !== undefined && t.kind === "word" && words.includes(t.text.toUpperCase());
}

export function isPunct(t: Token | undefined, p: string): boolean {
  return t !== undefined && t.kind === "punct" && t.text === p;
}

/** A token that names something: a bare word, a quoted identifier, or (legacy) a string. */
export function identName(t: Token | undefined): string | null {
  if (!t) return null;
  if (t.kind === "word" || t.kind === "ident" || t.kind === "string") return t.value;
  return null;
}

/** Index of the ")" matching the "(" at `open`, or -1. */
export function matchParen(tokens: readonly Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    if (isPunct(tokens[i], "(")) depth++;
    else if (isPunct(tokens[i], ")")) {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/** Split tokens[from, to) at commas outside parentheses. */
export function splitTopLevel(tokens: readonly Token[], from: number, to: number): Token[][] {
  const parts: Token[][] = [];
  let current: Token[] = [];
  let depth = 0;
  for (let i = from; i < to; i++) {
    const t = tokens[i]!;
    if (isPunct(t, "(")) depth++;
    else if (isPunct(t, ")")) depth--;
    if (depth === 0 && isPunct(t, ",")) {
      parts.push(current);
      current = [];
      continue;
    }
    current.push(t);
  }
  if (current.length > 0) parts.push(current);
  return parts;
}

/** The source text covered by a run of tokens (comments between them kept, outer space trimmed). */
export function sourceOf(sql: string, tokens: readonly Token[]): string {
  if (tokens.length === 0) return "";
  return sql.slice(tokens[0]!.start, tokens[tokens.length - 1]!.end);
}
