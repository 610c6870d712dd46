export { sql, isSql } from "./sql.js";
export type { SqlFragment, SqlValue } from "./sql.js";
export { ColumnBuilder, isColumnRef } from "./column.js";
export type { AnyColumnBuilder, ColumnDef, ColumnRef, ColumnReferenceDef, ReferenceOptions } from "./column.js";
export type { ServerDefaultValue } from "./server-default.js";
export type { ReferentialActions } from "./references.js";
export {
  integer, bigint, smallint, varchar, char, text, boolean, real, double, numeric, date, time, timestamp,
  json, jsonb, uuid, blob, enumType, raw,
} from "./column-types.js";
export type { EnumOptions, TimestampOptions } from "./column-types.js";
export { index, unique, check, foreignKey, primaryKey } from "./constraints.js";
export type { CheckDef, ForeignKeyDef, IndexDef, IndexElement, IndexOptions, PrimaryKeyDef, UniqueDef } from "./constraints.js";
export type { NamingConvention } from "./naming.js";
export { MetaData, isMetaData } from "./metadata.js";
export type { MetaDataOptions } from "./metadata.js";
export { table } from "./table.js";
export type { Table, TableOptions } from "./table.js";
export { isTable, tableDefinition } from "./table-definition.js";
export type { AnyTable, TableColumnDef, TableDef } from "./table-definition.js";
export type { InferRow } from "./infer.js";
export { compileMetadata } from "./compile.js";
export type { CompileOptions } from "./compile.js";
export { renameHints } from "./rename-hints.js";
export type { RenameHints } from "./rename-hints.js";
