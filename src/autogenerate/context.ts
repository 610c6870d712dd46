import type { Dialect } from "../dialects/dialect.js";
import type { ColumnSnapshot, TableSnapshot } from "../snapshot/types.js";

/** Decides, column by column, whether a difference counts; undefined falls back to the default comparison. */
export type CompareHook = (info: {
  readonly table: TableSnapshot;
  readonly modelColumn: ColumnSnapshot;
  readonly databaseColumn: ColumnSnapshot;
}) => boolean | undefined;

/** Rename hints: "schema.table" or "table" → old table name; "table.column" (new table name) → old column name. */
export interface RenameHints {
  readonly tables: ReadonlyMap<string, string>;
  readonly columns: ReadonlyMap<string, string>;
}

export interface CompareOptions {
  readonly compareType?: boolean | CompareHook;
  readonly compareServerDefault?: boolean | CompareHook;
  readonly renames?: RenameHints;
}

/** The dialect hooks compare needs: equality of types, defaults and expressions, and capabilities. */
export type CompareDialect = Pick<
  Dialect,
  "typesEqual" | "normalizeDefault" | "normalizeExpression" | "namedEnums" | "keepsPrimaryKeyNames" | "supportsComments"
>;

export interface CompareResult {
  readonly ops: readonly import("../operations/types.js").Op[];
  /** Things a person should know: rename candidates, enum values removed. */
  readonly warnings: readonly string[];
}
