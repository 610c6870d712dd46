/**
 * A small lexer for PostgreSQL expressions (defaults, CHECKs, index expressions and predicates).
 * It only has to be good enough to compare two spellings of the same expression.
 */

export type TokenKind = "string" | "quoted" | "number" | "word" | "op" | "punct";

export interface Token {
  readonly kind: TokenKind;
  /** Source text; for `string` the unescaped content, for `quoted` the identifier itself. */
  readonly text: string;
}

const OP_CHARS = "+-*/<>=~!@#%^&|`?";

export function tokenize(sql: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    if (/\s/.test(c)) { i++; continue; }
    if (c === "-" && sql[i + 1] === "-") { i = skipTo(sql, i, "\n"); continue; }
    if (c === "/" && sql[i + 1] === "*") { i = skipTo(sql, i, "*/") + 1; continue; }
    if (c === "'" || ((c === "E" || c === "e") && sql[i + 1] === "'")) {
      const escapes = c !== "'";
      const [text, end] = readQuoted(sql, escapes ? i + 1 : i, "'", escapes);
      out.push({ kind: "string", text });
      i = end;
      continue;
    }
    if (c === '"') {
      const [text, end] = readQuoted(sql, i, '"', false);
      out.push({ kind: "quoted", text });
      i = end;
      continue;
    }
    if (c === "$") {
      const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(i));
      if (tag) {
        const close = sql.indexOf(tag[0], i + tag[0].length);
        const end = close < 0 ? sql.length : close;
        out.push({ kind: "string", text: sql.slice(i + tag[0].length, end) });
        i = close < 0 ? sql.length : close + tag[0].length;
        continue;
      }
    }
    const num = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(sql.slice(i));
    if (num) { out.push({ kind: "number", text: num[0] }); i += num[0].length; continue; }
    const word = /^[A-Za-z_\u0080-\uffff][A-Za-z0-9_$\u0080-\uffff]*/.exec(sql.slice(i));
    if (word) { out.push({ kind: "word", text: word[0].toLowerCase() }); i += word[0].length; continue; }
    if (c === ":" && sql[i + 1] === ":") { out.push({ kind: "op", text: "::" }); i += 2; continue; }
    if (OP_CHARS.includes(c)) {
      const text = readOperator(sql, i);
      out.push({ kind: "op", text: text === "!=" ? "<>" : text });
      i += text.length;
      continue;
    }
    out.push({ kind: "punct", text: c });
    i++;
  }
  return out;
}

function skipTo(sql: string, from: number, marker: string): number {
  const at = sql.indexOf(marker, from + 2);
  return at < 0 ? sql.length : at + 1;
}

/** Read a quoted run starting at `start` (the opening quote); doubled quotes stand for one. */
function readQuoted(sql: string, start: number, quote: string, escapes: boolean): [string, number] {
  let text = "";
  let i = start + 1;
  while (i < sql.length) {
    const c = sql[i]!;
    if (escapes && c === "\\" && i + 1 < sql.length) { text += sql[i + 1]; i += 2; continue; }
    if (c === quote) {
      if (sql[i + 1] === quote) { text += quote; i += 2; continue; }
      return [text, i + 1];
    }
    text += c;
    i++;
  }
  return [text, i];
}

/**
 * PostgreSQL's operator rule: a multi-character operator may not end in + or - unless it
 * contains one of ~!@#%^&|`? — so `>-1` is `>` followed by `-1`.
 */
function readOperator(sql: string, start: number): string {
  let end = start;
  while (end < sql.length && OP_CHARS.includes(sql[end]!)) {
    if ((sql[end] === "-" && sql[end + 1] === "-") || (sql[end] === "/" && sql[end + 1] === "*")) {
      if (end > start) break;
    }
    end++;
  }
  let text = sql.slice(start, end);
  if (text.length > 1 && !/[~!@#%^&|`?]/.test(text)) {
    while (text.length > 1 && /[+-]$/.test(text)) text = text.slice(0, -1);
  }
  return text;
}
