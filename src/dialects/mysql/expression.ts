/**
 * A canonical text for CHECK conditions and expression defaults, so that what a model wrote and
 * what the server prints back (MariaDB: `octet_length(\`a\`) > 0` for `length(a) > 0`) compare equal.
 * Tokens are re-spelled (case, quoting, synonyms) and parentheses the server drops are dropped.
 */
import { readMysqlString, standardString } from "./sql-text.js";

// Functions and operators the server prints under another name.
const SYNONYMS: Readonly<Record<string, string>> = {
  lcase: "lower",
  ucase: "upper",
  octet_length: "length",
  character_length: "char_length",
  substr: "substring",
  now: "current_timestamp",
  localtimestamp: "current_timestamp",
  localtime: "current_timestamp",
  "!=": "<>",
  "&&": "and",
  "||": "or",
  true: "1",
  false: "0",
};

// Functions that may be written without parentheses.
const NILADIC = new Set(["current_timestamp", "current_date", "current_time", "current_user", "utc_timestamp"]);

const OPERATORS = ["<=>", "<>", "!=", ">=", "<=", "&&", "||", "<<", ">>", ":="];

function tokenize(sql: string): string[] {
  const tokens: string[] = [];
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i]!;
    if (/\s/.test(ch)) { i++; continue; }
    if (ch === "'" || ch === '"') {
      const read = readMysqlString(sql, i);
      if (!read) { tokens.push(sql.slice(i)); break; }
      tokens.push(standardString(read.value));
      i = read.end;
      continue;
    }
    if (ch === "`") {
      let name = "";
      let j = i + 1;
      while (j < sql.length) {
        if (sql[j] === "`") {
          if (sql[j + 1] === "`") { name += "`"; j += 2; continue; }
          break;
        }
        name += sql[j];
        j++;
      }
      tokens.push(name.toLowerCase());
      i = j + 1;
      continue;
    }
    const word = /^[A-Za-z_$][\w$]*/.exec(sql.slice(i));
    if (word) {
      // A charset introducer (_utf8mb4'x') adds nothing to the value.
      if (word[0].startsWith("_") && (sql[i + word[0].length] === "'")) { i += word[0].length; continue; }
      tokens.push(word[0].toLowerCase());
      i += word[0].length;
      continue;
    }
    const num = /^(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?/i.exec(sql.slice(i));
    if (num) { tokens.push(num[0].toLowerCase()); i += num[0].length; continue; }
    const op = OPERATORS.find((o) => sql.startsWith(o, i));
    if (op) { tokens.push(op); i += op.length; continue; }
    tokens.push(ch);
    i++;
  }
  return tokens;
}

function canonicalTokens(raw: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < raw.length; i++) {
    const tok = SYNONYMS[raw[i]!] ?? raw[i]!;
    out.push(tok);
    if (NILADIC.has(tok) && raw[i + 1] !== "(") out.push("(", ")");
  }
  return out;
}

/** Index of the parenthesis closing the one at `open`, or -1. */
function closing(tokens: readonly string[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    if (tokens[i] === "(") depth++;
    else if (tokens[i] === ")" && --depth === 0) return i;
  }
  return -1;
}

/** Which boolean connectives appear at the top level of tokens[from..to). */
function topLevelConnectives(tokens: readonly string[], from: number, to: number): Set<string> {
  const found = new Set<string>();
  let depth = 0;
  for (let i = from; i < to; i++) {
    const t = tokens[i]!;
    if (t === "(") depth++;
    else if (t === ")") depth--;
    else if (depth === 0 && (t === "and" || t === "or" || t === "xor")) found.add(t);
  }
  return found;
}

const BOUNDARY_BEFORE = new Set([undefined, "(", "and", "or"]);
const BOUNDARY_AFTER = new Set([undefined, ")", "and", "or"]);

/**
 * Drop a grouping parenthesis when removing it cannot change the meaning: it stands between
 * boolean connectives (or the ends) and holds nothing that binds looser than its neighbours.
 */
function dropRedundantParens(tokens: string[]): string[] {
  let changed = true;
  let out = tokens;
  while (changed) {
    changed = false;
    for (let i = 0; i < out.length; i++) {
      if (out[i] !== "(") continue;
      const before = out[i - 1];
      if (!BOUNDARY_BEFORE.has(before)) continue;
      const end = closing(out, i);
      if (end < 0) continue;
      const after = out[end + 1];
      if (!BOUNDARY_AFTER.has(after)) continue;
      const inner = topLevelConnectives(out, i + 1, end);
      const looser = inner.has("or") || inner.has("xor");
      if (looser && (before === "and" || after === "and")) continue;
      out = [...out.slice(0, i), ...out.slice(i + 1, end), ...out.slice(end + 1)];
      changed = true;
      break;
    }
  }
  return out;
}

export function normalizeExpression(sql: string): string {
  return dropRedundantParens(canonicalTokens(tokenize(sql))).join(" ");
}
