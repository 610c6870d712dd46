/**
 * What a table's stored CREATE text says beyond the snapshot: the AUTOINCREMENT keyword, column
 * collations, generated columns, DEFERRABLE foreign keys and table options (WITHOUT ROWID,
 * STRICT). A move-and-copy reads them so the recreated table keeps them.
 */
import type { ForeignKeySnapshot } from "../../snapshot/types.js";
import { identName, isPunct, isWord, matchParen, sourceOf, splitTopLevel, tokenize, type Token } from "./tokens.js";

export interface TableExtras {
  /** The INTEGER PRIMARY KEY column declared AUTOINCREMENT (sqlite_sequence keeps its counter). */
  readonly autoincrement: string | null;
  /** Lower-cased column name → collation as written (NOCASE, RTRIM…). */
  readonly collations: ReadonlyMap<string, string>;
  /** Generated columns (… AS (expr)): a copy cannot write them. */
  readonly generated: readonly string[];
  /** Foreign keys' DEFERRABLE clauses, by their name, or columns and parent when unnamed. */
  readonly deferrable: readonly Deferrable[];
  /** Table options after the column list: "WITHOUT ROWID", "STRICT", or null. */
  readonly options: string | null;
}

export interface Deferrable {
  readonly name: string | null;
  readonly columns: readonly string[];
  readonly referredTable: string;
  readonly clause: string;
}

export const NO_EXTRAS: TableExtras = { autoincrement: null, collations: new Map(), generated: [], deferrable: [], options: null };

const CONSTRAINT_START = ["CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN"];

export function parseTableExtras(sql: string): TableExtras {
  const tokens = tokenize(sql);
  const open = tokens.findIndex((t) => isPunct(t, "("));
  const close = open < 0 ? -1 : matchParen(tokens, open);
  if (open < 0 || close < 0) return NO_EXTRAS;
  let autoincrement: string | null = null;
  const collations = new Map<string, string>();
  const generated: string[] = [];
  const deferrable: Deferrable[] = [];
  for (const def of splitTopLevel(tokens, open + 1, close)) {
    if (def.length === 0) continue;
    if (isWord(def[0], ...CONSTRAINT_START)) {
      if (def.some((t) => isWord(t, "FOREIGN"))) readDeferrable(sql, def, null, isWord(def[0], "CONSTRAINT") ? identName(def[1]) : null, deferrable);
      continue;
    }
    const column = identName(def[0]);
    if (column === null) continue;
    for (let i = 1; i < def.length; i++) {
      const t = def[i]!;
      if (isPunct(t, "(")) { i = Math.max(i, matchParen(def, i)); continue; }
      if (isWord(t, "AUTOINCREMENT")) autoincrement = column;
      else if (isWord(t, "COLLATE") && def[i + 1]) collations.set(column.toLowerCase(), def[i + 1]!.text);
      else if (isWord(t, "AS") && isPunct(def[i + 1], "(")) generated.push(column);
      else if (isWord(t, "REFERENCES")) {
        const name = isWord(def[i - 2], "CONSTRAINT") ? identName(def[i - 1]) : null;
        readDeferrable(sql, def.slice(i), column, name, deferrable);
      }
    }
  }
  const rest = tokens.slice(close + 1).filter((t) => !isPunct(t, ";"));
  const options = rest.length > 0 ? sourceOf(sql, rest).trim() : null;
  return { autoincrement, collations, generated, deferrable, options };
}

/** A foreign key clause's [NOT] DEFERRABLE [INITIALLY DEFERRED|IMMEDIATE], when it has one. */
function readDeferrable(sql: string, def: readonly Token[], column: string | null, name: string | null, out: Deferrable[]): void {
  const ref = def.findIndex((t) => isWord(t, "REFERENCES"));
  if (ref < 0) return;
  const at = def.findIndex((t, k) => k > ref && isWord(t, "DEFERRABLE"));
  if (at < 0) return;
  const start = isWord(def[at - 1], "NOT") ? at - 1 : at;
  const end = isWord(def[at + 1], "INITIALLY") ? at + 2 : at;
  let columns: string[] = column === null ? [] : [column];
  if (column === null) {
    const openCols = def.findIndex((t) => isPunct(t, "("));
    const closeCols = openCols < 0 ? -1 : matchParen([...def], openCols);
    if (closeCols > openCols) columns = splitTopLevel(def, openCols + 1, closeCols).map((el) => identName(el[0]) ?? "");
  }
  let tableAt = ref + 1;
  if (isPunct(def[tableAt + 1], ".")) tableAt += 2;
  out.push({ name, columns, referredTable: identName(def[tableAt]) ?? "", clause: sourceOf(sql, def.slice(start, end + 1)) });
}

/**
 * The DEFERRABLE clause an old foreign key had, for the same key on the recreated table: the
 * same name, or for an unnamed key the same columns and parent.
 */
export function deferrableClause(extras: TableExtras, fk: ForeignKeySnapshot, originOf: (column: string) => string | null): string | null {
  const lower = (s: string): string => s.toLowerCase();
  const columns = fk.columns.map((c) => lower(originOf(c) ?? c));
  const hit = extras.deferrable.find((d) => (d.name !== null || fk.name !== null
    ? d.name !== null && fk.name !== null && lower(d.name) === lower(fk.name)
    : lower(d.referredTable) === lower(fk.referredTable) && d.columns.length === columns.length && d.columns.every((c, i) => lower(c) === columns[i])));
  return hit?.clause ?? null;
}
