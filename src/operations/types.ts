import type {
  CheckSnapshot, ColumnSnapshot, ColumnType, EnumSnapshot, ForeignKeySnapshot, IndexSnapshot,
  PrimaryKeySnapshot, TableSnapshot, UniqueSnapshot,
} from "../snapshot/types.js";

/** Where an op applies: a table name and its schema (null = default schema). */
export interface TableRef {
  readonly schema: string | null;
  readonly table: string;
}

/** What an alterColumn changes; each field absent means "unchanged". */
export interface ColumnChanges {
  readonly type?: ColumnType;
  readonly nullable?: boolean;
  readonly default?: string | null;
  readonly comment?: string | null;
  readonly newName?: string;
  readonly autoincrement?: boolean;
}

export type ConstraintType = "unique" | "foreignkey" | "check" | "primary";

/**
 * Operations are plain readonly data. Drop and alter ops carry the object as it was,
 * so `reverse(op)` is total.
 */
export type Op =
  | { readonly kind: "createTable"; readonly table: TableSnapshot }
  | { readonly kind: "dropTable"; readonly table: TableSnapshot }
  | { readonly kind: "renameTable"; readonly schema: string | null; readonly from: string; readonly to: string }
  | ({ readonly kind: "addColumn"; readonly column: ColumnSnapshot } & TableRef)
  | ({ readonly kind: "dropColumn"; readonly column: ColumnSnapshot } & TableRef)
  | ({
      readonly kind: "alterColumn";
      readonly column: string;
      readonly changes: ColumnChanges;
      /** The column as it was before the change (type, nullability, default, comment). */
      readonly existing: ColumnSnapshot;
    } & TableRef)
  | ({ readonly kind: "createIndex"; readonly index: IndexSnapshot; readonly concurrently?: boolean } & TableRef)
  | ({ readonly kind: "dropIndex"; readonly index: IndexSnapshot } & TableRef)
  | ({ readonly kind: "createUniqueConstraint"; readonly unique: UniqueSnapshot } & TableRef)
  | ({ readonly kind: "createForeignKey"; readonly foreignKey: ForeignKeySnapshot } & TableRef)
  | ({ readonly kind: "createCheckConstraint"; readonly check: CheckSnapshot } & TableRef)
  | ({ readonly kind: "createPrimaryKey"; readonly primaryKey: PrimaryKeySnapshot } & TableRef)
  | ({
      readonly kind: "dropConstraint";
      readonly name: string;
      readonly type: ConstraintType;
      /** The constraint as it was, for the downgrade and for dialects that must rebuild. */
      readonly prior?: UniqueSnapshot | ForeignKeySnapshot | CheckSnapshot | PrimaryKeySnapshot;
    } & TableRef)
  | ({ readonly kind: "createTableComment"; readonly comment: string; readonly existing: string | null } & TableRef)
  | ({ readonly kind: "dropTableComment"; readonly existing: string | null } & TableRef)
  | { readonly kind: "createEnum"; readonly enum: EnumSnapshot }
  | { readonly kind: "dropEnum"; readonly enum: EnumSnapshot }
  | { readonly kind: "addEnumValue"; readonly enum: EnumSnapshot; readonly value: string; readonly before?: string | null; readonly after?: string | null }
  /**
   * Rewrite an enum type with other values (some removed, or reordered), converting every
   * column that uses it: what the server cannot do in place. Fails at run time while a row
   * holds a value that goes away.
   */
  | { readonly kind: "replaceEnum"; readonly enum: EnumSnapshot; readonly existing: EnumSnapshot }
  | { readonly kind: "execute"; readonly sql: string }
  | ({ readonly kind: "bulkInsert"; readonly rows: readonly Record<string, unknown>[] } & TableRef)
  /**
   * Several alterations of one table as a unit. Dialects that prefer it (SQLite) apply them with
   * at most one move-and-copy; the others run the inner ops one by one as plain ALTERs.
   */
  | ({
      readonly kind: "batchAlterTable";
      readonly ops: readonly BatchInnerOp[];
      readonly recreate: BatchRecreate;
      /** The table as it is before the batch, for offline (--sql) runs that cannot reflect it. */
      readonly copyFrom: TableSnapshot | null;
    } & TableRef);

/** When a batch recreates its table: only when some op needs it, always, or never (an error instead). */
export type BatchRecreate = "auto" | "always" | "never";

/** The ops a batch may hold: alterations of its own table. */
export type BatchInnerOp = OpOf<"addColumn" | "dropColumn" | "alterColumn" | "createIndex" | "dropIndex"
  | "createUniqueConstraint" | "createForeignKey" | "createCheckConstraint" | "createPrimaryKey" | "dropConstraint"
  | "createTableComment" | "dropTableComment">;

export type OpKind = Op["kind"];
export type OpOf<K extends OpKind> = Extract<Op, { kind: K }>;

export function assertNever(x: never, what = "value"): never {
  throw new Error(`unexpected ${what}: ${JSON.stringify(x)}`);
}
