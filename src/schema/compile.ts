import type {
  CheckSnapshot, ColumnSnapshot, ColumnType, ForeignKeySnapshot, IndexSnapshot, PrimaryKeySnapshot, SchemaSnapshot, TableSnapshot,
  UniqueSnapshot,
} from "../snapshot/types.js";
import { byName, bySchemaAndName } from "./compile-context.js";
import type { Context } from "./compile-context.js";
import { enums } from "./compile-enums.js";
import { foreignKeys } from "./compile-foreign-keys.js";
import { modelsError } from "./errors.js";
import { isMetaData } from "./metadata.js";
import type { MetaData } from "./metadata.js";
import { conventionName } from "./naming.js";
import { tableDefinition, tableLabel } from "./table-definition.js";
import type { TableColumnDef, TableDef } from "./table-definition.js";

export interface CompileOptions {
  /** The connection's default schema ("public"); tables in it compile with schema null. */
  readonly defaultSchema?: string | null;
}

const INTEGER_KINDS = new Set(["integer", "bigint", "smallint"]);

function primaryKeyColumns(def: TableDef): readonly string[] {
  return def.primaryKey?.columns ?? def.columns.filter((c) => c.def.primaryKey).map((c) => c.name);
}

/**
 * SQLAlchemy's "auto" rule: a lone integer primary key autoincrements unless it has a default
 * or is itself a foreign key, since then its values come from elsewhere.
 */
function autoincrement(c: TableColumnDef, pk: readonly string[], fkColumns: ReadonlySet<string>, label: string): boolean {
  const isInteger = INTEGER_KINDS.has(c.def.type.kind);
  if (c.def.autoincrement === true) {
    // A raw type is the author's word for what the server takes (INT UNSIGNED, MEDIUMINT…).
    if (!isInteger && c.def.type.kind !== "raw") {
      throw modelsError(`column "${label}.${c.name}": autoincrement needs an integer type, not ${c.def.type.kind}`);
    }
    if (!pk.includes(c.name)) throw modelsError(`column "${label}.${c.name}": autoincrement applies only to primary key columns`);
    return true;
  }
  if (c.def.autoincrement === false) return false;
  return isInteger && pk.length === 1 && pk[0] === c.name && c.def.serverDefault === null &&
    c.def.clientDefault === null && !fkColumns.has(c.name);
}

/**
 * A named enum outside the default schema is spelled `schema.name` in a column's type, the way
 * reflection spells it, so the column names the type it will really use.
 */
function columnType(c: TableColumnDef, def: TableDef, ctx: Context): ColumnType {
  const type = c.def.type;
  if (type.kind !== "enum") return type;
  const schema = ctx.normalize(c.def.typeSchema ?? def.schema);
  return schema === null ? type : { ...type, name: `${schema}.${type.name}` };
}

function columns(def: TableDef, pk: readonly string[], fks: readonly ForeignKeySnapshot[], ctx: Context): ColumnSnapshot[] {
  const fkColumns = new Set(fks.flatMap((fk) => fk.columns));
  const label = tableLabel(def);
  return def.columns.map((c) => ({
    name: c.name,
    type: columnType(c, def, ctx),
    // A key column is NOT NULL unless nullable() says otherwise: SQLite keys may hold NULL.
    nullable: pk.includes(c.name) ? c.def.nullable === true : (c.def.nullable ?? true),
    default: c.def.serverDefault,
    autoincrement: autoincrement(c, pk, fkColumns, label),
    comment: c.def.comment,
  }));
}

function uniques(def: TableDef, ctx: Context): UniqueSnapshot[] {
  const fromColumns = def.columns
    .filter((c) => c.def.unique && !c.def.index)
    .map((c) => ({ name: conventionName("uq", null, ctx.convention, { table: def.name, columns: [c.name] }), columns: [c.name] }));
  const fromOptions = def.uniques.map((uq) => ({
    name: conventionName("uq", uq.name, ctx.convention, { table: def.name, columns: uq.columns }),
    columns: [...uq.columns],
  }));
  return [...fromColumns, ...fromOptions].sort(byName);
}

function indexName(explicit: string | null, columns: readonly (string | null)[], def: TableDef, ctx: Context): string {
  const name = conventionName("ix", explicit, ctx.convention, { table: def.name, columns });
  if (name === null) throw modelsError(`table "${tableLabel(def)}": an index needs a name`);
  return name;
}

function indexes(def: TableDef, ctx: Context): IndexSnapshot[] {
  // A column that is both unique() and index() gets a unique index, as in SQLAlchemy.
  const fromColumns = def.columns
    .filter((c) => c.def.index)
    .map((c) => ({ name: indexName(null, [c.name], def, ctx), columns: [c.name], unique: c.def.unique, where: null }));
  const fromOptions = def.indexes.map((ix) => ({
    name: indexName(ix.name, ix.columns.map((e) => (typeof e === "string" ? e : null)), def, ctx),
    columns: ix.columns.map((e) => (typeof e === "string" ? e : { expression: e.expression })),
    unique: ix.unique,
    where: ix.where,
    ...(ix.using === null ? {} : { using: ix.using }),
  }));
  return [...fromColumns, ...fromOptions].sort(byName);
}

function checks(def: TableDef, ctx: Context): CheckSnapshot[] {
  return def.checks
    .map((ck) => ({ name: conventionName("ck", ck.name, ctx.convention, { table: def.name, columns: [] }), expression: ck.expression }))
    .sort(byName);
}

function refuseDuplicateNames(table: TableSnapshot, label: string): void {
  const names = [
    table.primaryKey?.name, ...table.foreignKeys.map((x) => x.name), ...table.uniques.map((x) => x.name),
    ...table.indexes.map((x) => x.name), ...table.checks.map((x) => x.name),
  ].filter((n): n is string => typeof n === "string");
  const duplicate = names.find((n, i) => names.indexOf(n) !== i);
  if (duplicate !== undefined) throw modelsError(`table "${label}": two constraints or indexes are named "${duplicate}"`);
}

function compileTable(def: TableDef, ctx: Context): TableSnapshot {
  const pkColumns = primaryKeyColumns(def);
  const primaryKey: PrimaryKeySnapshot | null = pkColumns.length === 0 ? null : {
    name: conventionName("pk", def.primaryKey?.name ?? null, ctx.convention, { table: def.name, columns: pkColumns }),
    columns: [...pkColumns],
  };
  const fks = foreignKeys(def, ctx);
  const table: TableSnapshot = {
    schema: ctx.normalize(def.schema),
    name: def.name,
    columns: columns(def, pkColumns, fks, ctx),
    primaryKey,
    foreignKeys: fks,
    uniques: uniques(def, ctx),
    indexes: indexes(def, ctx),
    checks: checks(def, ctx),
    comment: def.comment,
  };
  refuseDuplicateNames(table, tableLabel(def));
  return table;
}

/** Turns the declared models into the dialect-independent snapshot `compare` works on. */
export function compileMetadata(metadata: MetaData, options: CompileOptions = {}): SchemaSnapshot {
  if (!isMetaData(metadata)) throw modelsError("compileMetadata() expects a MetaData");
  const defaultSchema = options.defaultSchema ?? null;
  const defs = metadata.tables.map(tableDefinition);
  const normalize = (schema: string | null): string | null => (schema !== null && schema === defaultSchema ? null : schema);
  // Every foreign key looks up the table it refers to: by index, not by a scan of the models.
  const byKey = new Map<string, TableDef>();
  const key = (schema: string | null, name: string): string => `${normalize(schema) ?? ""}\u0000${name}`;
  for (const def of defs) if (!byKey.has(key(def.schema, def.name))) byKey.set(key(def.schema, def.name), def);
  const ctx: Context = {
    tables: defs,
    findTable: (schema, name) => byKey.get(key(schema, name)) ?? null,
    convention: metadata.namingConvention,
    metadataSchema: metadata.schema,
    normalize,
  };
  return {
    tables: defs.map((def) => compileTable(def, ctx)).sort(bySchemaAndName),
    enums: enums(defs, ctx),
  };
}
