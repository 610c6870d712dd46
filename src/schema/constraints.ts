/**
 * Table-level constraints and indexes, for the `indexes`, `uniques`, `checks`, `foreignKeys`
 * and `primaryKey` table options. Column lists use SQL column names. A name may be null
 * (or left out) where the naming convention is to supply it.
 */
import type { ReferentialAction } from "../snapshot/types.js";
import { requireName } from "./column.js";
import { modelsError } from "./errors.js";
import { parseTableTarget, referentialAction } from "./references.js";
import type { ReferentialActions, TableTarget } from "./references.js";
import { isSql } from "./sql.js";
import type { SqlFragment } from "./sql.js";

export type IndexElement = string | { readonly expression: string };

export interface IndexDef {
  readonly kind: "index";
  readonly name: string | null;
  readonly columns: readonly IndexElement[];
  readonly unique: boolean;
  readonly where: string | null;
  /** The index method when not the default (lower case): "gin", "gist", "fulltext"… */
  readonly using: string | null;
}

export interface UniqueDef {
  readonly kind: "unique";
  readonly name: string | null;
  readonly columns: readonly string[];
}

export interface CheckDef {
  readonly kind: "check";
  readonly name: string | null;
  readonly expression: string;
}

export interface ForeignKeyDef {
  readonly kind: "foreignKey";
  readonly name: string | null;
  readonly columns: readonly string[];
  readonly referred: TableTarget;
  readonly referredColumns: readonly string[];
  readonly onDelete: ReferentialAction | null;
  readonly onUpdate: ReferentialAction | null;
}

export interface PrimaryKeyDef {
  readonly kind: "primaryKey";
  readonly name: string | null;
  readonly columns: readonly string[];
}

export interface IndexOptions {
  readonly unique?: boolean;
  /** Partial index predicate (PostgreSQL, SQLite). */
  readonly where?: SqlFragment;
  /** The index method: PostgreSQL's access method ("gin", "gist", "brin", "hash"), MySQL's "fulltext" or "spatial". */
  readonly using?: string;
}

function optionalName(name: unknown, what: string): string | null {
  return name === null || name === undefined ? null : requireName(name, `${what} name`);
}

function columnList(columns: unknown, what: string): readonly string[] {
  if (!Array.isArray(columns) || columns.length === 0) throw modelsError(`${what} needs a non-empty array of column names`);
  const names = columns.map((c) => requireName(c, `${what} column`));
  const duplicate = names.find((n, i) => names.indexOf(n) !== i);
  if (duplicate !== undefined) throw modelsError(`${what} lists column "${duplicate}" twice`);
  return Object.freeze(names);
}

/** Removes parentheses that wrap the whole expression: a CHECK is stored without them. */
export function stripOuterParens(text: string): string {
  let s = text.trim();
  while (s.startsWith("(") && s.endsWith(")") && closingParen(s) === s.length - 1) s = s.slice(1, -1).trim();
  return s;
}

function closingParen(s: string): number {
  let depth = 0;
  let quote: string | null = null;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (quote !== null) {
      if (ch === quote) quote = null;
      continue;
    }
    if (ch === "'" || ch === '"') quote = ch;
    else if (ch === "(") depth++;
    else if (ch === ")" && --depth === 0) return i;
  }
  return -1;
}

function sqlText(value: unknown, what: string): string {
  if (!isSql(value)) throw modelsError(`${what} must be written with sql\`…\`, got ${JSON.stringify(value)}`);
  const text = value.text.trim();
  if (text === "") throw modelsError(`${what} is empty`);
  return text;
}

export function index(name: string | null, columns: readonly (string | SqlFragment)[], options?: IndexOptions): IndexDef;
export function index(columns: readonly (string | SqlFragment)[], options?: IndexOptions): IndexDef;
export function index(...args: unknown[]): IndexDef {
  const [name, columns, options = {}] = Array.isArray(args[0]) ? [null, ...args] : args;
  const what = `index(${JSON.stringify(name ?? null)})`;
  if (!Array.isArray(columns) || columns.length === 0) throw modelsError(`${what} needs a non-empty array of columns`);
  const elements = columns.map((c): IndexElement =>
    isSql(c) ? Object.freeze({ expression: sqlText(c, `${what} expression`) }) : requireName(c, `${what} column`),
  );
  const { unique = false, where, using } = options as IndexOptions;
  if (typeof unique !== "boolean") throw modelsError(`${what} unique must be a boolean`);
  const method = using === undefined ? null : requireName(using, `${what} using`).trim().toLowerCase();
  return Object.freeze({
    kind: "index",
    name: optionalName(name, what),
    columns: Object.freeze(elements),
    unique,
    where: where === undefined ? null : stripOuterParens(sqlText(where, `${what} where`)),
    using: method,
  });
}

export function unique(name: string | null, columns: readonly string[]): UniqueDef;
export function unique(columns: readonly string[]): UniqueDef;
export function unique(...args: unknown[]): UniqueDef {
  const [name, columns] = Array.isArray(args[0]) ? [null, args[0]] : args;
  const what = `unique(${JSON.stringify(name ?? null)})`;
  return Object.freeze({ kind: "unique", name: optionalName(name, what), columns: columnList(columns, what) });
}

export function check(name: string | null, expression: SqlFragment): CheckDef;
export function check(expression: SqlFragment): CheckDef;
export function check(...args: unknown[]): CheckDef {
  const [name, expression] = isSql(args[0]) ? [null, args[0]] : args;
  const what = `check(${JSON.stringify(name ?? null)})`;
  return Object.freeze({
    kind: "check",
    name: optionalName(name, what),
    expression: stripOuterParens(sqlText(expression, `${what} expression`)),
  });
}

/** `referredTable` is "table" or "schema.table"; its columns are matched by position. */
export function foreignKey(
  name: string | null,
  columns: readonly string[],
  referredTable: string,
  referredColumns: readonly string[],
  options?: ReferentialActions,
): ForeignKeyDef;
export function foreignKey(
  columns: readonly string[],
  referredTable: string,
  referredColumns: readonly string[],
  options?: ReferentialActions,
): ForeignKeyDef;
export function foreignKey(...args: unknown[]): ForeignKeyDef {
  const [name, columns, referredTable, referredColumns, options = {}] = Array.isArray(args[0]) ? [null, ...args] : args;
  const what = `foreignKey(${JSON.stringify(name ?? null)})`;
  const local = columnList(columns, what);
  const remote = columnList(referredColumns, `${what} referred columns`);
  if (local.length !== remote.length) {
    throw modelsError(`${what} has ${local.length} column(s) but ${remote.length} referred column(s)`);
  }
  const actions = options as ReferentialActions;
  return Object.freeze({
    kind: "foreignKey",
    name: optionalName(name, what),
    columns: local,
    referred: Object.freeze(parseTableTarget(referredTable, `${what} referred table`)),
    referredColumns: remote,
    onDelete: referentialAction(actions.onDelete, `${what} onDelete`),
    onUpdate: referentialAction(actions.onUpdate, `${what} onUpdate`),
  });
}

export function primaryKey(columns: readonly string[], name?: string | null): PrimaryKeyDef {
  const what = `primaryKey(${JSON.stringify(columns)})`;
  return Object.freeze({ kind: "primaryKey", name: optionalName(name, what), columns: columnList(columns, what) });
}
