/**
 * Names for constraints the model left unnamed, so that the downgrade can drop what the
 * upgrade created. Deterministic, and cut to 63 characters (PostgreSQL's limit, under MySQL's 64).
 */
export function conventionalName(prefix: string, table: string, columns: readonly string[], suffix?: string): string {
  const full = [prefix, table, ...columns, ...(suffix ? [suffix] : [])].join("_");
  if (full.length <= 63) return full;
  let h = 0;
  for (const ch of full) h = (Math.imul(h, 31) + ch.charCodeAt(0)) >>> 0;
  return `${full.slice(0, 54)}_${h.toString(16).padStart(8, "0")}`;
}
