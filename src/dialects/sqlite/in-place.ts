/** What SQLite's ALTER TABLE can do without a move-and-copy. */
import type { ColumnSnapshot, TableSnapshot } from "../../snapshot/types.js";
import { mentions } from "./apply-op.js";
import { isConstantDefault } from "./render-table.js";

/**
 * ADD COLUMN takes neither a key nor a NOT NULL column without a default, nor a default that is
 * not constant (CURRENT_TIMESTAMP, an expression).
 */
export function addableInPlace(c: ColumnSnapshot): boolean {
  if (c.autoincrement) return false;
  if (c.default === null) return c.nullable;
  return isConstantDefault(c.default);
}

/** DROP COLUMN refuses a column that a key, an index or a check uses. */
export function columnInUse(t: TableSnapshot, name: string): boolean {
  const same = (c: string): boolean => c.toLowerCase() === name.toLowerCase();
  return (t.primaryKey?.columns.some(same) ?? false)
    || t.uniques.some((u) => u.columns.some(same))
    || t.foreignKeys.some((f) => f.columns.some(same))
    || t.indexes.some((i) => i.columns.some((c) => (typeof c === "string" ? same(c) : mentions(c.expression, name)))
      || (i.where !== null && mentions(i.where, name)))
    || t.checks.some((c) => mentions(c.expression, name));
}
