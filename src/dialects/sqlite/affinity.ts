/**
 * SQLite's type affinity (https://sqlite.org/datatype3.html, 3.1): the declared type text decides
 * how values are stored. A move-and-copy casts a column whose affinity changes, so its values
 * take the new type's form as they would on other databases.
 */
import type { ColumnType } from "../../snapshot/types.js";
import { renderType } from "./types.js";

export type Affinity = "INTEGER" | "TEXT" | "BLOB" | "REAL" | "NUMERIC";

export function affinityOf(declared: string): Affinity {
  const t = declared.toUpperCase();
  if (t.includes("INT")) return "INTEGER";
  if (t.includes("CHAR") || t.includes("CLOB") || t.includes("TEXT")) return "TEXT";
  if (t.includes("BLOB") || t.trim() === "") return "BLOB";
  if (t.includes("REAL") || t.includes("FLOA") || t.includes("DOUB")) return "REAL";
  return "NUMERIC";
}

/**
 * The expression that copies `source` into a column of type `to`. NUMERIC targets (DATETIME,
 * BOOLEAN, UUID, JSON…) are not cast: CAST AS NUMERIC would turn '2024-05-01' into 2024, while the
 * column's own affinity converts well-formed numbers and leaves other text alone.
 */
export function copyExpression(source: string, from: ColumnType, to: ColumnType): string {
  const before = affinityOf(renderType(from));
  const after = affinityOf(renderType(to));
  if (before === after || after === "NUMERIC") return source;
  return `CAST(${source} AS ${after})`;
}
