/**
 * Identifiers and literals as MySQL/MariaDB read them (default sql_mode: backslash escapes on).
 *
 * Snapshots keep string literals in standard SQL form (`'it''s'`, backslash is an ordinary
 * character), the form models produce on every dialect; MySQL's own escaping is applied only
 * when SQL is written (`literal`) and undone when the server's text is read (`parseMysqlString`).
 */

export function quoteIdentifier(name: string): string {
  return "`" + name.replace(/`/g, "``") + "`";
}

/** A string literal MySQL reads back as exactly `value`. */
export function quoteString(value: string): string {
  return "'" + value.replace(/\\/g, "\\\\").replace(/'/g, "''").replace(/\0/g, "\\0") + "'";
}

/** A string literal in standard SQL form (only `'` doubled), as snapshots hold it. */
export function standardString(value: string): string {
  return "'" + value.replace(/'/g, "''") + "'";
}

/** The value of one whole standard literal `'…'` ('' for a quote), or null when `text` is not one. */
export function parseStandardString(text: string): string | null {
  const m = /^'((?:[^']|'')*)'$/s.exec(text);
  return m ? m[1]!.replace(/''/g, "'") : null;
}

const ESCAPES: Readonly<Record<string, string>> = {
  "0": "\0", b: "\b", n: "\n", r: "\r", t: "\t", Z: "\x1a", "\\": "\\", "'": "'", '"': '"',
  // MySQL keeps the backslash before % and _ so that LIKE patterns survive.
  "%": "\\%", _: "\\_",
};

/**
 * Read one MySQL string literal starting at `start` (an opening ' or "): backslash escapes and
 * doubled quotes. Returns the value and the index after the closing quote, or null if unterminated.
 */
export function readMysqlString(text: string, start: number): { value: string; end: number } | null {
  const quote = text[start]!;
  let value = "";
  let i = start + 1;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === "\\" && i + 1 < text.length) {
      const next = text[i + 1]!;
      value += ESCAPES[next] ?? next;
      i += 2;
    } else if (ch === quote) {
      if (text[i + 1] === quote) { value += quote; i += 2; }
      else return { value, end: i + 1 };
    } else {
      value += ch;
      i++;
    }
  }
  return null;
}

/**
 * The value of a whole MySQL string literal as the server prints it (`'a\\b'`, `'it''s'`,
 * MySQL 8's `_utf8mb4\'x\'`), or null when `text` is anything else.
 */
export function parseMysqlString(text: string): string | null {
  let t = text.trim();
  // MySQL 8 prints expression defaults with escaped quotes and a charset introducer.
  if (/^_[a-z0-9]+\\'/i.test(t) && t.endsWith("\\'")) t = t.replace(/^_[a-z0-9]+/i, "").replace(/\\'/g, "'");
  t = t.replace(/^_[a-z0-9]+(?=')/i, "");
  if (!t.startsWith("'")) return null;
  const read = readMysqlString(t, 0);
  return read && read.end === t.length ? read.value : null;
}

/** The values of a MySQL list of string literals, as in `enum('a','b''c')`. */
export function parseMysqlStringList(text: string): string[] {
  const values: string[] = [];
  let i = 0;
  while (i < text.length) {
    if (text[i] === "'") {
      const read = readMysqlString(text, i);
      if (!read) break;
      values.push(read.value);
      i = read.end;
    } else {
      i++;
    }
  }
  return values;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

/** A SQL literal for a JavaScript value. Dates are written in UTC, as DATETIME has no zone. */
export function literal(value: unknown): string {
  if (value === null || value === undefined) return "NULL";
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "bigint") return String(value);
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new TypeError(`cannot write ${value} as a MySQL literal`);
    return String(value);
  }
  if (typeof value === "string") return quoteString(value);
  if (value instanceof Date) {
    const d = value;
    return quoteString(
      `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
      `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`,
    );
  }
  if (value instanceof Uint8Array) return `X'${Buffer.from(value).toString("hex")}'`;
  if (typeof value === "object") return quoteString(JSON.stringify(value));
  throw new TypeError(`cannot write a ${typeof value} as a MySQL literal`);
}
