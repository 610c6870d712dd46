import type { ColumnType, ReferentialAction } from "../snapshot/types.js";
import { COLUMN_REF_BRAND, hasBrand } from "./brands.js";
import { modelsError } from "./errors.js";
import { parseColumnTarget, referentialAction } from "./references.js";
import type { ColumnTarget } from "./references.js";
import { serverDefaultText } from "./server-default.js";
import type { ServerDefaultValue } from "./server-default.js";

/** Type-only markers carrying a column's TypeScript row type; they never exist at runtime. */
declare const dataType: unique symbol;
declare const nullableType: unique symbol;

/** A column of a declared table, reached as `users.email`. */
export interface ColumnRef<TData = unknown, TNullable extends boolean = boolean> {
  readonly [COLUMN_REF_BRAND]: true;
  /** The property key in the table's column record. */
  readonly key: string;
  /** The SQL column name. */
  readonly name: string;
  readonly table: string;
  /** The table's schema as declared (its own or the metadata's), null for the default. */
  readonly schema: string | null;
  readonly type: ColumnType;
  readonly [dataType]?: TData;
  readonly [nullableType]?: TNullable;
}

export function isColumnRef(x: unknown): x is ColumnRef {
  return hasBrand(x, COLUMN_REF_BRAND);
}

export interface ReferenceOptions {
  readonly onDelete?: ReferentialAction;
  readonly onUpdate?: ReferentialAction;
  /** The foreign key constraint's name; else the fk naming convention, else none. */
  readonly name?: string;
}

export interface ColumnReferenceDef {
  /** Parsed from "table.col" / "schema.table.col", or a thunk so tables may refer ahead. */
  readonly target: ColumnTarget | (() => ColumnRef);
  readonly name: string | null;
  readonly onDelete: ReferentialAction | null;
  readonly onUpdate: ReferentialAction | null;
}

/** Everything a column builder has been told, as plain data. */
export interface ColumnDef {
  /** Explicit SQL name; null means the property key. */
  readonly name: string | null;
  readonly type: ColumnType;
  /** Schema of the column's named type (enums); null means the table's schema. */
  readonly typeSchema: string | null;
  /** null when neither notNull() nor nullable() was called. */
  readonly nullable: boolean | null;
  readonly primaryKey: boolean;
  readonly unique: boolean;
  readonly index: boolean;
  /** SQL text following DEFAULT. */
  readonly serverDefault: string | null;
  /** Client-side default (a value or a function); never part of the snapshot. */
  readonly clientDefault: { readonly value: unknown } | null;
  readonly references: ColumnReferenceDef | null;
  readonly comment: string | null;
  /** null means "auto": a lone integer primary key autoincrements. */
  readonly autoincrement: boolean | null;
  readonly renamedFrom: string | null;
}

export function requireName(value: unknown, what: string): string {
  if (typeof value !== "string" || value.trim() === "") throw modelsError(`${what} must be a non-empty string, got ${JSON.stringify(value)}`);
  return value;
}

/**
 * An immutable column description: every method returns a new builder. The type parameters
 * carry the row type for `InferRow`.
 */
export class ColumnBuilder<TData = unknown, TNullable extends boolean = boolean> {
  declare readonly [dataType]?: TData;
  declare readonly [nullableType]?: TNullable;
  readonly def: ColumnDef;

  constructor(def: ColumnDef) {
    // A frozen definition is one of ours (a builder's own copy): it is shared, not copied again.
    // Models declare tens of thousands of builders, each method call making another.
    this.def = Object.isFrozen(def) ? def : Object.freeze({ ...def });
    Object.freeze(this);
  }

  #with<D = TData, N extends boolean = TNullable>(patch: Partial<ColumnDef>): ColumnBuilder<D, N> {
    return new ColumnBuilder<D, N>(Object.freeze({ ...this.def, ...patch }));
  }

  notNull(): ColumnBuilder<TData, false> {
    return this.#with<TData, false>({ nullable: false });
  }

  nullable(): ColumnBuilder<TData, true> {
    return this.#with<TData, true>({ nullable: true });
  }

  /** Part of the primary key; several such columns form a composite key. Implies NOT NULL. */
  primaryKey(): ColumnBuilder<TData, false> {
    return this.#with<TData, false>({ primaryKey: true });
  }

  /** A unique constraint on this column (a unique index when index() is also called). */
  unique(): ColumnBuilder<TData, TNullable> {
    return this.#with({ unique: true });
  }

  index(): ColumnBuilder<TData, TNullable> {
    return this.#with({ index: true });
  }

  /** The database-side default; null removes it. */
  serverDefault(value: ServerDefaultValue | null): ColumnBuilder<TData, TNullable> {
    return this.#with({ serverDefault: value === null ? null : serverDefaultText(value) });
  }

  /** A default the application fills in; the database never sees it. */
  default(value: TData | (() => TData)): ColumnBuilder<TData, TNullable> {
    return this.#with({ clientDefault: Object.freeze({ value }) });
  }

  references(target: string | (() => ColumnRef), options: ReferenceOptions = {}): ColumnBuilder<TData, TNullable> {
    const what = `references(${typeof target === "string" ? JSON.stringify(target) : "() => column"})`;
    const reference: ColumnReferenceDef = Object.freeze({
      target: typeof target === "function" ? target : Object.freeze(parseColumnTarget(target, what)),
      name: options.name === undefined ? null : requireName(options.name, `${what} name`),
      onDelete: referentialAction(options.onDelete, `${what} onDelete`),
      onUpdate: referentialAction(options.onUpdate, `${what} onUpdate`),
    });
    return this.#with({ references: reference });
  }

  /** The column comment; null removes it. */
  comment(text: string | null): ColumnBuilder<TData, TNullable> {
    if (text !== null && typeof text !== "string") throw modelsError(`comment() takes a string, got ${typeof text}`);
    return this.#with({ comment: text });
  }

  autoincrement(on = true): ColumnBuilder<TData, TNullable> {
    if (typeof on !== "boolean") throw modelsError(`autoincrement() takes a boolean, got ${typeof on}`);
    return this.#with({ autoincrement: on });
  }

  /** Tells autogenerate this column used to be called `oldName`, so it renames instead of drop + add. */
  renamedFrom(oldName: string): ColumnBuilder<TData, TNullable> {
    return this.#with({ renamedFrom: requireName(oldName, "renamedFrom()") });
  }
}

export type AnyColumnBuilder = ColumnBuilder<any, boolean>;

/** A fresh nullable column of the given type. */
export function column<TData>(name: string | null, type: ColumnType, typeSchema: string | null = null): ColumnBuilder<TData, true> {
  return new ColumnBuilder<TData, true>({
    name,
    type: Object.freeze(type),
    typeSchema,
    nullable: null,
    primaryKey: false,
    unique: false,
    index: false,
    serverDefault: null,
    clientDefault: null,
    references: null,
    comment: null,
    autoincrement: null,
    renamedFrom: null,
  });
}
