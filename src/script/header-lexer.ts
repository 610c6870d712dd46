/**
 * A small JavaScript/TypeScript tokenizer, just enough to find top-level
 * `export const name = <literal>` declarations without running the file: it skips
 * comments, strings, template literals (with nested substitutions) and regex literals
 * so that text inside them is never mistaken for a declaration.
 */
export type TokenKind = "ident" | "string" | "punct" | "other" | "eof";

export interface Token {
  readonly kind: TokenKind;
  /** Identifier name, decoded string value, or punctuator text. */
  readonly value: string;
  readonly start: number;
}

/** Keywords after which `/` starts a regex literal rather than a division. */
const REGEX_AFTER_KEYWORD = new Set([
  "return", "typeof", "instanceof", "in", "of", "new", "delete", "void", "throw", "case",
  "do", "else", "yield", "await",
]);

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  n: "\n", r: "\r", t: "\t", b: "\b", f: "\f", v: "\v", "0": "\0",
};

function isIdentStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36 || c >= 128;
}

function isIdentPart(c: number): boolean {
  return isIdentStart(c) || (c >= 48 && c <= 57);
}

export interface Lexer {
  next(): Token;
}

export function createLexer(text: string): Lexer {
  let pos = 0;
  let braceDepth = 0;
  /** Brace depths at which a template literal's `${` substitution closes. */
  const templateResume: number[] = [];
  let previous: Token | null = null;

  const regexAllowed = (): boolean => {
    if (previous === null) return true;
    if (previous.kind === "punct") return !(previous.value === ")" || previous.value === "]");
    if (previous.kind === "ident") return REGEX_AFTER_KEYWORD.has(previous.value);
    return false;
  };

  const skipTrivia = (): void => {
    while (pos < text.length) {
      const c = text.charCodeAt(pos);
      if (c === 32 || c === 9 || c === 10 || c === 13 || c === 11 || c === 12 || c === 0xfeff || c === 0xa0) {
        pos++;
      } else if (c === 47 && text.charCodeAt(pos + 1) === 47) {
        const end = text.indexOf("\n", pos);
        pos = end === -1 ? text.length : end + 1;
      } else if (c === 47 && text.charCodeAt(pos + 1) === 42) {
        const end = text.indexOf("*/", pos + 2);
        pos = end === -1 ? text.length : end + 2;
      } else if (c === 35 && pos === 0 && text.charCodeAt(1) === 33) {
        const end = text.indexOf("\n");
        pos = end === -1 ? text.length : end + 1;
      } else {
        return;
      }
    }
  };

  /** Reads a quoted string starting at the quote; returns its decoded value or null if unterminated. */
  const readQuoted = (quote: number): string | null => {
    let out = "";
    pos++;
    while (pos < text.length) {
      const c = text.charCodeAt(pos);
      if (c === quote) {
        pos++;
        return out;
      }
      if (c === 10 || c === 13) return null;
      if (c === 92) {
        const [decoded, length] = decodeEscape(text, pos);
        out += decoded;
        pos += length;
        continue;
      }
      out += text[pos];
      pos++;
    }
    return null;
  };

  /**
   * Reads template text from `pos` (just after "`" or a closing "}") up to the closing
   * backtick (returns the cooked value) or a `${` (returns null and opens a substitution).
   */
  const readTemplateChunk = (): string | null => {
    let out = "";
    while (pos < text.length) {
      const c = text.charCodeAt(pos);
      if (c === 96) {
        pos++;
        return out;
      }
      if (c === 36 && text.charCodeAt(pos + 1) === 123) {
        pos += 2;
        templateResume.push(braceDepth);
        return null;
      }
      if (c === 92) {
        const [decoded, length] = decodeEscape(text, pos);
        out += decoded;
        pos += length;
        continue;
      }
      out += text[pos];
      pos++;
    }
    return null;
  };

  const skipRegex = (): void => {
    let inClass = false;
    pos++;
    while (pos < text.length) {
      const c = text.charCodeAt(pos);
      if (c === 10 || c === 13) return;
      if (c === 92) pos += 2;
      else {
        if (c === 91) inClass = true;
        else if (c === 93) inClass = false;
        else if (c === 47 && !inClass) {
          pos++;
          while (pos < text.length && isIdentPart(text.charCodeAt(pos))) pos++;
          return;
        }
        pos++;
      }
    }
  };

  const produce = (): Token => {
    skipTrivia();
    const start = pos;
    if (pos >= text.length) return { kind: "eof", value: "", start };
    const c = text.charCodeAt(pos);
    if (isIdentStart(c)) {
      while (pos < text.length && isIdentPart(text.charCodeAt(pos))) pos++;
      return { kind: "ident", value: text.slice(start, pos), start };
    }
    if (c === 34 || c === 39) {
      const value = readQuoted(c);
      return value === null ? { kind: "other", value: "", start } : { kind: "string", value, start };
    }
    if (c === 96) {
      pos++;
      const value = readTemplateChunk();
      return value === null ? { kind: "other", value: "`", start } : { kind: "string", value, start };
    }
    if (c >= 48 && c <= 57) {
      while (pos < text.length && (isIdentPart(text.charCodeAt(pos)) || text[pos] === ".")) pos++;
      return { kind: "other", value: text.slice(start, pos), start };
    }
    if (c === 47 && regexAllowed()) {
      skipRegex();
      return { kind: "other", value: "/", start };
    }
    if (c === 123) {
      braceDepth++;
      pos++;
      return { kind: "punct", value: "{", start };
    }
    if (c === 125) {
      pos++;
      if (templateResume.length > 0 && templateResume[templateResume.length - 1] === braceDepth) {
        templateResume.pop();
        readTemplateChunk();
        return { kind: "other", value: "`", start };
      }
      braceDepth--;
      return { kind: "punct", value: "}", start };
    }
    if (c === 61) {
      const rest = text.slice(pos, pos + 3);
      const op = rest.startsWith("===") ? "===" : rest.startsWith("==") ? "==" : rest.startsWith("=>") ? "=>" : "=";
      pos += op.length;
      return { kind: "punct", value: op, start };
    }
    pos++;
    return { kind: "punct", value: text[start]!, start };
  };

  return {
    next(): Token {
      const token = produce();
      previous = token;
      return token;
    },
  };
}

/** Decodes the escape sequence at `at` (a backslash); returns [text, characters consumed]. */
function decodeEscape(text: string, at: number): [string, number] {
  const e = text[at + 1];
  if (e === undefined) return ["", 1];
  const simple = SIMPLE_ESCAPES[e];
  if (simple !== undefined && !(e === "0" && /[0-9]/.test(text[at + 2] ?? ""))) return [simple, 2];
  if (e === "\r") return ["", text[at + 2] === "\n" ? 3 : 2];
  if (e === "\n" || e === "\u2028" || e === "\u2029") return ["", 2];
  if (e === "x") {
    const hex = text.slice(at + 2, at + 4);
    if (/^[0-9a-fA-F]{2}$/.test(hex)) return [String.fromCharCode(parseInt(hex, 16)), 4];
  }
  if (e === "u") {
    if (text[at + 2] === "{") {
      const close = text.indexOf("}", at + 3);
      const hex = close === -1 ? "" : text.slice(at + 3, close);
      if (/^[0-9a-fA-F]{1,6}$/.test(hex) && parseInt(hex, 16) <= 0x10ffff) {
        return [String.fromCodePoint(parseInt(hex, 16)), close - at + 1];
      }
    } else {
      const hex = text.slice(at + 2, at + 6);
      if (/^[0-9a-fA-F]{4}$/.test(hex)) return [String.fromCharCode(parseInt(hex, 16)), 6];
    }
  }
  return [e, 2];
}
