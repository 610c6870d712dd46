/** Identifiers and literals as SQLite reads them. */

export function quoteIdentifier(name: string): string {
  return `"${name.split('"').join('""')}"`;
}

export function quoteString(s: string): string {
  return `'${s.split("'").join("''")}'`;
}

/** A SQL literal. Booleans become 1/0 and dates UTC text, as SQLite's date functions write them. */
export function literal(value: unknown): string {
  if (value === null || value === undefined) return "NULL";
  if (typeof value === "boolean") return value ? "1" : "0";
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "number") {
    if (Number.isNaN(value)) return "NULL"; // SQLite stores NaN as NULL
    if (!Number.isFinite(value)) return value > 0 ? "9e999" : "-9e999";
    return String(value);
  }
  if (typeof value === "string") return quoteString(value);
  if (value instanceof Date) return quoteString(value.toISOString().replace("T", " ").replace("Z", ""));
  if (value instanceof Uint8Array) return `X'${Buffer.from(value).toString("hex")}'`;
  return quoteString(JSON.stringify(value));
}
