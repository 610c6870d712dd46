import { TABLE_BRAND } from "./brands.js";
import type { ColumnDef } from "./column.js";
import type { CheckDef, ForeignKeyDef, IndexDef, PrimaryKeyDef, UniqueDef } from "./constraints.js";
import { modelsError } from "./errors.js";

export interface TableColumnDef {
  /** Property key in the models' column record. */
  readonly key: string;
  /** SQL column name. */
  readonly name: string;
  readonly def: ColumnDef;
}

/** A declared table as plain data; it lives under a symbol so column keys never collide with it. */
export interface TableDef {
  readonly name: string;
  /** Its own schema or the metadata's; null for the default schema. */
  readonly schema: string | null;
  readonly columns: readonly TableColumnDef[];
  readonly comment: string | null;
  readonly indexes: readonly IndexDef[];
  readonly uniques: readonly UniqueDef[];
  readonly checks: readonly CheckDef[];
  readonly foreignKeys: readonly ForeignKeyDef[];
  /** From the primaryKey table option; column-level keys are read from the columns. */
  readonly primaryKey: PrimaryKeyDef | null;
  readonly renamedFrom: string | null;
}

export interface AnyTable {
  readonly [TABLE_BRAND]: TableDef;
}

export function isTable(x: unknown): x is AnyTable {
  return typeof x === "object" && x !== null && typeof (x as Record<symbol, unknown>)[TABLE_BRAND] === "object";
}

export function tableDefinition(table: AnyTable): TableDef {
  if (!isTable(table)) throw modelsError(`expected a table made by table(), got ${JSON.stringify(table)}`);
  return table[TABLE_BRAND];
}

/** "schema.table" or "table". */
export function tableLabel(def: { readonly schema: string | null; readonly name: string }): string {
  return def.schema === null ? def.name : `${def.schema}.${def.name}`;
}
