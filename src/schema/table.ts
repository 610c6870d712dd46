import { COLUMN_REF_BRAND, TABLE_BRAND } from "./brands.js";
import { requireName } from "./column.js";
import type { AnyColumnBuilder, ColumnBuilder, ColumnDef, ColumnRef } from "./column.js";
import { primaryKey as primaryKeyDef } from "./constraints.js";
import type { CheckDef, ForeignKeyDef, IndexDef, PrimaryKeyDef, UniqueDef } from "./constraints.js";
import { modelsError } from "./errors.js";
import type { MetaData } from "./metadata.js";
import { tableLabel } from "./table-definition.js";
import type { AnyTable, TableColumnDef, TableDef } from "./table-definition.js";

export interface TableOptions {
  /** Overrides the metadata's schema. */
  readonly schema?: string;
  readonly comment?: string;
  readonly indexes?: readonly IndexDef[];
  readonly uniques?: readonly UniqueDef[];
  readonly checks?: readonly CheckDef[];
  readonly foreignKeys?: readonly ForeignKeyDef[];
  /** A composite key: primaryKey(["a", "b"]) or just ["a", "b"]. */
  readonly primaryKey?: PrimaryKeyDef | readonly string[];
  /** Tells autogenerate the table used to be called this, so it renames instead of drop + create. */
  readonly renamedFrom?: string;
}

type ColumnMap = Record<string, AnyColumnBuilder>;

/** A declared table: each column is reachable by its property key (`users.email.name`). */
export type Table<C extends ColumnMap = ColumnMap> = AnyTable & {
  readonly [K in keyof C & string]: C[K] extends ColumnBuilder<infer D, infer N> ? ColumnRef<D, N> : never;
};

const OPTION_KEYS: readonly (keyof TableOptions)[] = [
  "schema", "comment", "indexes", "uniques", "checks", "foreignKeys", "primaryKey", "renamedFrom",
];

function isColumnBuilder(x: unknown): x is AnyColumnBuilder {
  const def = typeof x === "object" && x !== null ? (x as { def?: Partial<ColumnDef> }).def : undefined;
  return typeof def === "object" && def !== null && typeof def.type === "object";
}

function listOption<T extends { readonly kind: string }>(value: unknown, option: string, kind: T["kind"], label: string): readonly T[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw modelsError(`table "${label}": option ${option} must be an array`);
  for (const item of value) {
    if (typeof item !== "object" || item === null || (item as { kind?: unknown }).kind !== kind) {
      throw modelsError(`table "${label}": option ${option} takes ${kind}(…) entries, got ${JSON.stringify(item)}`);
    }
  }
  return Object.freeze([...(value as T[])]);
}

function readColumns(columns: unknown, label: string): readonly TableColumnDef[] {
  if (typeof columns !== "object" || columns === null || Array.isArray(columns)) {
    throw modelsError(`table "${label}": columns must be an object of column builders`);
  }
  const result = Object.entries(columns).map(([key, builder]): TableColumnDef => {
    if (!isColumnBuilder(builder)) {
      throw modelsError(`table "${label}": column "${key}" is not a column (did you forget the call, as in integer()?)`);
    }
    return Object.freeze({ key, name: builder.def.name ?? key, def: builder.def });
  });
  if (result.length === 0) throw modelsError(`table "${label}" has no columns`);
  const names = result.map((c) => c.name);
  const duplicate = names.find((n, i) => names.indexOf(n) !== i);
  if (duplicate !== undefined) throw modelsError(`table "${label}": two columns are named "${duplicate}"`);
  return Object.freeze(result);
}

function resolvePrimaryKey(option: unknown, columns: readonly TableColumnDef[], label: string): PrimaryKeyDef | null {
  if (option === undefined) return null;
  const pk = Array.isArray(option) ? primaryKeyDef(option as string[]) : (option as PrimaryKeyDef);
  if (typeof pk !== "object" || pk === null || pk.kind !== "primaryKey") {
    throw modelsError(`table "${label}": option primaryKey takes primaryKey([...]) or an array of column names`);
  }
  const onColumns = columns.filter((c) => c.def.primaryKey).map((c) => c.name);
  const same = onColumns.length === pk.columns.length && onColumns.every((c) => pk.columns.includes(c));
  if (onColumns.length > 0 && !same) {
    throw modelsError(
      `table "${label}": columns ${onColumns.join(", ")} call primaryKey() but the primaryKey option lists ${pk.columns.join(", ")}; declare the key in one place`,
    );
  }
  return pk;
}

function checkColumnsExist(def: TableDef): void {
  const known = new Set(def.columns.map((c) => c.name));
  const label = tableLabel(def);
  const verify = (names: readonly (string | { readonly expression: string })[], what: string): void => {
    for (const name of names) {
      if (typeof name === "string" && !known.has(name)) {
        throw modelsError(`table "${label}": ${what} names unknown column "${name}" (columns: ${[...known].join(", ")})`);
      }
    }
  };
  const named = (kind: string, name: string | null): string => (name === null ? `unnamed ${kind}` : `${kind} "${name}"`);
  for (const ix of def.indexes) verify(ix.columns, named("index", ix.name));
  for (const uq of def.uniques) verify(uq.columns, named("unique constraint", uq.name));
  for (const fk of def.foreignKeys) verify(fk.columns, named("foreign key", fk.name));
  if (def.primaryKey) verify(def.primaryKey.columns, "primary key");
}

/**
 * Declares a table and registers it in `metadata`. A column's SQL name is its explicit name
 * argument, else its property key.
 */
export function table<C extends ColumnMap>(metadata: MetaData, name: string, columns: C, options: TableOptions = {}): Table<C> {
  requireName(name, "table name");
  if (typeof options !== "object" || options === null) throw modelsError(`table "${name}": options must be an object`);
  const unknownOption = Object.keys(options).find((k) => !(OPTION_KEYS as readonly string[]).includes(k));
  if (unknownOption !== undefined) {
    throw modelsError(`table "${name}": unknown option "${unknownOption}" (expected one of ${OPTION_KEYS.join(", ")})`);
  }
  const schema = options.schema === undefined ? metadata.schema : requireName(options.schema, `table "${name}" schema`);
  const label = tableLabel({ schema, name });
  if (options.comment !== undefined && typeof options.comment !== "string") throw modelsError(`table "${label}": comment must be a string`);
  const columnDefs = readColumns(columns, label);

  const def: TableDef = Object.freeze({
    name,
    schema,
    columns: columnDefs,
    comment: options.comment ?? null,
    indexes: listOption<IndexDef>(options.indexes, "indexes", "index", label),
    uniques: listOption<UniqueDef>(options.uniques, "uniques", "unique", label),
    checks: listOption<CheckDef>(options.checks, "checks", "check", label),
    foreignKeys: listOption<ForeignKeyDef>(options.foreignKeys, "foreignKeys", "foreignKey", label),
    primaryKey: resolvePrimaryKey(options.primaryKey, columnDefs, label),
    renamedFrom: options.renamedFrom === undefined ? null : requireName(options.renamedFrom, `table "${label}" renamedFrom`),
  });
  checkColumnsExist(def);

  const refs = columnDefs.map((c) => [
    c.key,
    Object.freeze({ [COLUMN_REF_BRAND]: true, key: c.key, name: c.name, table: name, schema, type: c.def.type }),
  ]);
  const result = Object.freeze({ ...Object.fromEntries(refs), [TABLE_BRAND]: def }) as Table<C>;
  metadata.addTable(result);
  return result;
}
