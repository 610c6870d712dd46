/**
 * Column defaults: reading the server's COLUMN_DEFAULT into snapshot text, writing snapshot text
 * into DDL, and the canonical form both sides are compared in.
 *
 * MySQL's `ON UPDATE CURRENT_TIMESTAMP` has no field of its own in a snapshot. Reflection appends
 * it to the default text (`CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP`) so that statements
 * restating a column (MODIFY) keep it, and comparison ignores it, so it never shows as a change.
 */
import type { ColumnType } from "../../snapshot/types.js";
import { normalizeExpression } from "./expression.js";
import { parseMysqlString, parseStandardString, quoteString, standardString } from "./sql-text.js";
import { isNumericType, needsExpressionDefault } from "./types.js";

export interface SplitDefault {
  /** The default proper, or null for none. */
  readonly value: string | null;
  /** The expression after ON UPDATE, or null. */
  readonly onUpdate: string | null;
}

export function splitOnUpdate(text: string | null): SplitDefault {
  if (text === null) return { value: null, onUpdate: null };
  const m = /^([\s\S]*?)\s+on\s+update\s+([\s\S]+)$/i.exec(text.trim());
  const value = (m ? m[1]! : text).trim();
  return { value: value === "" || /^null$/i.test(value) ? null : value, onUpdate: m ? m[2]!.trim() : null };
}

export function joinOnUpdate(split: SplitDefault): string | null {
  if (split.onUpdate === null) return split.value;
  return `${split.value ?? "NULL"} ON UPDATE ${split.onUpdate}`;
}

/** Remove parentheses wrapping the whole text, however many. */
export function stripOuterParens(text: string): string {
  let t = text.trim();
  while (t.startsWith("(") && t.endsWith(")")) {
    let depth = 0;
    let wrapsAll = true;
    let quote: string | null = null;
    for (let i = 0; i < t.length; i++) {
      const ch = t[i]!;
      if (quote) {
        if (ch === "\\") i++;
        else if (ch === quote) quote = null;
        continue;
      }
      if (ch === "'" || ch === '"' || ch === "`") quote = ch;
      else if (ch === "(") depth++;
      else if (ch === ")" && --depth === 0 && i < t.length - 1) { wrapsAll = false; break; }
    }
    if (!wrapsAll) break;
    t = t.slice(1, -1).trim();
  }
  return t;
}

const NUMBER_RE = /^([+-]?)(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i;

function isNumberText(text: string): boolean {
  const m = NUMBER_RE.exec(text);
  return m !== null && (m[2] !== "" || (m[3] ?? "") !== "");
}

/** `0.00` → `0`, `+1.50` → `1.5`, `1e3` → `1000`; exact for long decimals. */
function canonicalNumber(text: string): string {
  const m = NUMBER_RE.exec(text)!;
  if (m[4] !== undefined) return String(Number(text));
  const intPart = m[2]!.replace(/^0+(?=\d)/, "") || "0";
  const frac = (m[3] ?? "").replace(/0+$/, "");
  const body = frac ? `${intPart}.${frac}` : intPart;
  return m[1] === "-" && body !== "0" ? `-${body}` : body;
}

const CURRENT_TIMESTAMP_RE = /^(?:current_timestamp|now|localtimestamp|localtime)\s*(?:\(\s*(\d*)\s*\))?$/i;

export function normalizeDefault(value: string | null, type: ColumnType): string | null {
  const { value: raw } = splitOnUpdate(value);
  if (raw === null) return null;
  const v = stripOuterParens(raw);
  if (v === "" || /^null$/i.test(v)) return null;
  const numeric = isNumericType(type);
  const str = parseStandardString(v) ?? parseMysqlString(v);
  if (str !== null) {
    if (numeric && isNumberText(str.trim())) return canonicalNumber(str.trim());
    return standardString(str);
  }
  // TRUE and FALSE are the integers 1 and 0 in MySQL, stored as '1'/'0' in a string column.
  if (/^(true|false)$/i.test(v)) {
    const bit = /^true$/i.test(v) ? "1" : "0";
    return numeric ? bit : standardString(bit);
  }
  if (isNumberText(v)) return numeric ? canonicalNumber(v) : standardString(v);
  const ts = CURRENT_TIMESTAMP_RE.exec(v);
  if (ts) return ts[1] ? `CURRENT_TIMESTAMP(${ts[1]})` : "CURRENT_TIMESTAMP";
  return normalizeExpression(v);
}

/** True when the text is a plain literal MySQL takes after DEFAULT without parentheses. */
function isPlainLiteral(text: string): boolean {
  return parseStandardString(text) !== null || isNumberText(text) || /^(true|false|null)$/i.test(text)
    || CURRENT_TIMESTAMP_RE.test(text) || /^[bx]'[0-9a-f]*'$/i.test(text);
}

/**
 * The SQL after DEFAULT for a snapshot default: standard string literals re-escaped for MySQL,
 * expressions (and any default of TEXT/BLOB/JSON columns) in parentheses, as MySQL 8 requires;
 * MariaDB accepts both forms.
 */
export function renderDefaultValue(value: string, type: ColumnType): string {
  const text = value.trim();
  const str = parseStandardString(text);
  const literalText = str !== null ? quoteString(str) : text;
  if (needsExpressionDefault(type) && !/^null$/i.test(text)) return `(${stripOuterParens(literalText)})`;
  if (isPlainLiteral(text)) return literalText;
  return text.startsWith("(") && stripOuterParens(text) !== text ? text : `(${text})`;
}

/** `DEFAULT … ON UPDATE …` for a column definition, or "" when the column has neither. */
export function renderDefaultClause(value: string | null, type: ColumnType): string {
  const split = splitOnUpdate(value);
  let out = "";
  if (split.value !== null) out += ` DEFAULT ${renderDefaultValue(split.value, type)}`;
  if (split.onUpdate !== null) out += ` ON UPDATE ${split.onUpdate}`;
  return out;
}

export type ServerFlavor = "mariadb" | "mysql";

export interface ColumnDefaultRow {
  readonly columnDefault: string | null;
  readonly extra: string;
}

/** The snapshot's default text for what information_schema.COLUMNS reports. */
export function reflectDefault(row: ColumnDefaultRow, type: ColumnType, flavor: ServerFlavor): string | null {
  const extra = row.extra.toLowerCase();
  if (extra.includes("auto_increment")) return null;
  const onUpdateMatch = /on update\s+(.+)$/i.exec(row.extra);
  const onUpdate = onUpdateMatch ? onUpdateMatch[1]!.trim() : null;
  let value: string | null = row.columnDefault;
  if (value !== null) {
    if (flavor === "mariadb") {
      // MariaDB prints defaults as SQL: 'quoted' strings, bare numbers, NULL, expressions.
      if (/^null$/i.test(value)) value = null;
      else {
        const str = parseMysqlString(value);
        if (str !== null) value = standardString(str);
      }
    } else if (extra.includes("default_generated")) {
      // MySQL 8 prints expression defaults bare, with escaped quotes and charset introducers.
      const unescaped = value.replace(/\\'/g, "'");
      const str = parseMysqlString(unescaped);
      value = str !== null ? standardString(str) : unescaped;
    } else if (!isNumericType(type) && !/^[bx]'/i.test(value)) {
      // MySQL 8 prints literal defaults as the bare value.
      value = standardString(value);
    }
  }
  return joinOnUpdate({ value, onUpdate });
}
