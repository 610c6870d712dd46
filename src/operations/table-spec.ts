/**
 * A whole table as a revision file spells it (createTable's arguments, batchAlterTable's
 * copyFrom), converted to a snapshot.
 */
import { AthanorError } from "../errors.js";
import type { TableSnapshot } from "../snapshot/types.js";
import { columnFromSpec, type ColumnSpec, type ForeignKeySpec, type IndexSpec } from "./spec.js";

export interface TableSpecOptions {
  readonly primaryKey?: readonly string[] | { readonly name?: string | null; readonly columns: readonly string[] };
  readonly foreignKeys?: readonly ForeignKeySpec[];
  readonly uniques?: readonly { readonly name?: string | null; readonly columns: readonly string[] }[];
  readonly indexes?: readonly IndexSpec[];
  readonly checks?: readonly { readonly name?: string | null; readonly expression: string }[];
  readonly comment?: string | null;
}

export function tableFromSpec(
  schema: string | null, name: string, columns: Record<string, ColumnSpec>, options: TableSpecOptions, operation: string,
): TableSnapshot {
  if (!columns || typeof columns !== "object") {
    throw new AthanorError("USAGE", `${operation}("${name}") needs its columns as an object: { id: { type: "integer" }, … }`, { operation });
  }
  const cols = Object.entries(columns).map(([n, spec]) => columnFromSpec(n, spec));
  if (cols.length === 0) throw new AthanorError("USAGE", `${operation}("${name}") needs at least one column`, { operation });
  const pkOpt = options.primaryKey;
  const pkFromColumns = Object.entries(columns).filter(([, s]) => s.primaryKey).map(([n]) => n);
  const primaryKey = pkOpt
    ? Array.isArray(pkOpt)
      ? { name: null, columns: [...(pkOpt as readonly string[])] }
      : { name: (pkOpt as { name?: string | null }).name ?? null, columns: [...(pkOpt as { columns: readonly string[] }).columns] }
    : pkFromColumns.length > 0 ? { name: null, columns: pkFromColumns } : null;
  return {
    schema,
    name,
    columns: cols,
    primaryKey,
    foreignKeys: (options.foreignKeys ?? []).map((fk) => ({
      name: fk.name ?? null,
      columns: [...fk.columns],
      referredSchema: fk.referredSchema ?? null,
      referredTable: fk.referredTable,
      referredColumns: [...fk.referredColumns],
      onDelete: fk.onDelete ?? null,
      onUpdate: fk.onUpdate ?? null,
    })),
    uniques: (options.uniques ?? []).map((u) => ({ name: u.name ?? null, columns: [...u.columns] })),
    indexes: (options.indexes ?? []).map((i) => ({
      name: i.name, columns: [...i.columns], unique: i.unique ?? false, where: i.where ?? null, ...(i.using ? { using: i.using.toLowerCase() } : {}),
    })),
    checks: (options.checks ?? []).map((c) => ({ name: c.name ?? null, expression: c.expression })),
    comment: options.comment ?? null,
  };
}
