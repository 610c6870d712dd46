/**
 * SQL literals. standard_conforming_strings is on in every supported server, so a backslash is
 * an ordinary character and only the quote needs doubling.
 */
export function literal(value: unknown): string {
  if (value === null || value === undefined) return "NULL";
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "number") {
    if (Number.isFinite(value)) return String(value);
    return `'${Number.isNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity"}'`;
  }
  if (typeof value === "string") return quoteString(value);
  if (value instanceof Date) return quoteString(value.toISOString());
  if (value instanceof Uint8Array) return `'\\x${Buffer.from(value).toString("hex")}'::bytea`;
  // Objects and arrays go to json/jsonb columns as their JSON text.
  return quoteString(JSON.stringify(value));
}

function quoteString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}
