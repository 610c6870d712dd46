/**
 * Read what only the stored CREATE text knows: constraint names, CHECK bodies, WITHOUT ROWID,
 * index expressions and partial-index predicates. The pragmas give everything else.
 */
import {
  identName, isPunct, isWord, matchParen, sourceOf, splitTopLevel, tokenize, type Token,
} from "./tokens.js";

export interface ParsedConstraint {
  readonly name: string | null;
  readonly columns: readonly string[];
}

export interface ParsedForeignKey extends ParsedConstraint {
  readonly referredTable: string;
  /** Empty when the clause names no columns (it then refers to the parent's primary key). */
  readonly referredColumns: readonly string[];
}

export interface ParsedTable {
  readonly withoutRowid: boolean;
  readonly primaryKeyName: string | null;
  readonly uniques: readonly ParsedConstraint[];
  readonly foreignKeys: readonly ParsedForeignKey[];
  readonly checks: readonly { readonly name: string | null; readonly expression: string }[];
}

const TABLE_CONSTRAINT_START = ["CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN"];

export function parseCreateTable(sql: string): ParsedTable {
  const tokens = tokenize(sql);
  const open = tokens.findIndex((t) => isPunct(t, "("));
  const close = open < 0 ? -1 : matchParen(tokens, open);
  const result = {
    withoutRowid: false,
    primaryKeyName: null as string | null,
    uniques: [] as ParsedConstraint[],
    foreignKeys: [] as ParsedForeignKey[],
    checks: [] as { name: string | null; expression: string }[],
  };
  if (open < 0 || close < 0) return result;
  for (let i = close + 1; i < tokens.length; i++) {
    if (isWord(tokens[i], "WITHOUT") && isWord(tokens[i + 1], "ROWID")) result.withoutRowid = true;
  }
  for (const def of splitTopLevel(tokens, open + 1, close)) {
    if (def.length === 0) continue;
    if (isWord(def[0], ...TABLE_CONSTRAINT_START)) readTableConstraint(sql, def, result);
    else readColumnConstraints(sql, def, result);
  }
  return result;
}

type Mutable = {
  primaryKeyName: string | null;
  uniques: ParsedConstraint[];
  foreignKeys: ParsedForeignKey[];
  checks: { name: string | null; expression: string }[];
};

function readTableConstraint(sql: string, def: Token[], out: Mutable): void {
  let i = 0;
  let name: string | null = null;
  if (isWord(def[0], "CONSTRAINT")) {
    name = identName(def[1]);
    i = 2;
  }
  const kind = def[i]?.text.toUpperCase();
  if (kind === "PRIMARY") {
    out.primaryKeyName = name;
  } else if (kind === "UNIQUE") {
    const open = def.findIndex((t, k) => k > i && isPunct(t, "("));
    out.uniques.push({ name, columns: open < 0 ? [] : columnList(def, open) });
  } else if (kind === "CHECK") {
    const open = i + 1;
    out.checks.push({ name, expression: parenBody(sql, def, open) });
  } else if (kind === "FOREIGN") {
    const open = def.findIndex((t, k) => k > i && isPunct(t, "("));
    const columns = open < 0 ? [] : columnList(def, open);
    const ref = def.findIndex((t) => isWord(t, "REFERENCES"));
    if (ref >= 0) out.foreignKeys.push({ name, columns, ...readReferences(def, ref) });
  }
}

function readColumnConstraints(sql: string, def: Token[], out: Mutable): void {
  const column = identName(def[0]);
  if (column === null) return;
  let pendingName: string | null = null;
  for (let i = 1; i < def.length; i++) {
    const t = def[i]!;
    if (isPunct(t, "(")) {
      i = Math.max(i, matchParen(def, i));
      continue;
    }
    if (t.kind !== "word") continue;
    switch (t.text.toUpperCase()) {
      case "CONSTRAINT":
        pendingName = identName(def[i + 1]);
        i++;
        continue;
      case "PRIMARY":
        out.primaryKeyName = pendingName;
        break;
      case "UNIQUE":
        out.uniques.push({ name: pendingName, columns: [column] });
        break;
      case "CHECK":
        out.checks.push({ name: pendingName, expression: parenBody(sql, def, i + 1) });
        i = Math.max(i, matchParen(def, i + 1));
        break;
      case "REFERENCES": {
        const ref = readReferences(def, i);
        out.foreignKeys.push({ name: pendingName, columns: [column], ...ref });
        break;
      }
      case "NOT": case "NULL": case "DEFAULT": case "COLLATE": case "GENERATED": case "AS":
        break;
      default:
        continue; // words inside a clause (KEY, ASC, ON, CASCADE...) keep the pending name
    }
    pendingName = null;
  }
}

function readReferences(def: Token[], at: number): { referredTable: string; referredColumns: string[] } {
  let i = at + 1;
  // A schema-qualified parent ("main"."t") is not valid in SQLite, but skip one if present.
  if (isPunct(def[i + 1], ".")) i += 2;
  const referredTable = identName(def[i]) ?? "";
  const referredColumns = isPunct(def[i + 1], "(") ? columnList(def, i + 1) : [];
  return { referredTable, referredColumns };
}

/** Names in "( a, b COLLATE x, c DESC )": the first identifier of each element. */
function columnList(tokens: Token[], open: number): string[] {
  const close = matchParen(tokens, open);
  if (close < 0) return [];
  return splitTopLevel(tokens, open + 1, close).map((el) => identName(el[0]) ?? "");
}

function parenBody(sql: string, tokens: Token[], open: number): string {
  if (!isPunct(tokens[open], "(")) return "";
  const close = matchParen(tokens, open);
  if (close < 0) return "";
  return sourceOf(sql, tokens.slice(open + 1, close)).trim();
}

export interface ParsedIndex {
  /** A plain column name, or the element's text when it is an expression or carries DESC/COLLATE. */
  readonly elements: readonly ({ readonly column: string } | { readonly expression: string })[];
  readonly where: string | null;
}

export function parseCreateIndex(sql: string): ParsedIndex {
  const tokens = tokenize(sql);
  const on = tokens.findIndex((t) => isWord(t, "ON"));
  const open = tokens.findIndex((t, k) => k > on && isPunct(t, "("));
  const close = open < 0 ? -1 : matchParen(tokens, open);
  if (on < 0 || open < 0 || close < 0) return { elements: [], where: null };
  const elements = splitTopLevel(tokens, open + 1, close).map((el) => {
    const plain = el.length === 1 || (el.length === 2 && isWord(el[1], "ASC"));
    const name = plain ? identName(el[0]) : null;
    if (name !== null && el[0]!.kind !== "string") return { column: name };
    return { expression: sourceOf(sql, el).trim() };
  });
  let where: string | null = null;
  if (isWord(tokens[close + 1], "WHERE")) {
    const rest = tokens.slice(close + 2).filter((t) => !isPunct(t, ";"));
    where = sourceOf(sql, rest).trim() || null;
  }
  return { elements, where };
}
