/**
 * Column type builders. Each takes an optional explicit SQL column name first, then its type
 * arguments: varchar(255), varchar("email", 255), numeric("price", 10, 2).
 */
import { column, requireName } from "./column.js";
import type { ColumnBuilder } from "./column.js";
import { modelsError } from "./errors.js";

type Builder<T> = ColumnBuilder<T, true>;

/** Splits (name?, ...typeArgs): a leading string is the column name. */
function nameAndArgs(builder: string, args: readonly unknown[]): [string | null, readonly unknown[]] {
  if (typeof args[0] === "string") return [requireName(args[0], `${builder}() column name`), args.slice(1)];
  if (args[0] === undefined && args.length > 0) return [null, args.slice(1)];
  return [null, args];
}

function onlyName(builder: string, args: readonly unknown[]): string | null {
  const [name, rest] = nameAndArgs(builder, args);
  if (rest.some((a) => a !== undefined)) throw modelsError(`${builder}() takes only an optional column name, got ${JSON.stringify(rest)}`);
  return name;
}

function size(value: unknown, what: string, min: number): number | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== "number" || !Number.isInteger(value) || value < min) {
    throw modelsError(`${what} must be an integer ≥ ${min}, got ${JSON.stringify(value)}`);
  }
  return value;
}

export function integer(name?: string): Builder<number> {
  return column(onlyName("integer", [name]), { kind: "integer" });
}

/** Values beyond 2^53 do not fit a JS number, so rows carry bigints as strings (like pg does). */
export function bigint(name?: string): Builder<string> {
  return column(onlyName("bigint", [name]), { kind: "bigint" });
}

export function smallint(name?: string): Builder<number> {
  return column(onlyName("smallint", [name]), { kind: "smallint" });
}

export function varchar(length?: number): Builder<string>;
export function varchar(name: string, length?: number): Builder<string>;
export function varchar(...args: unknown[]): Builder<string> {
  const [name, [length]] = nameAndArgs("varchar", args);
  return column(name, { kind: "varchar", length: size(length, "varchar length", 1) });
}

export function char(length?: number): Builder<string>;
export function char(name: string, length?: number): Builder<string>;
export function char(...args: unknown[]): Builder<string> {
  const [name, [length]] = nameAndArgs("char", args);
  return column(name, { kind: "char", length: size(length, "char length", 1) });
}

export function text(name?: string): Builder<string> {
  return column(onlyName("text", [name]), { kind: "text" });
}

export function boolean(name?: string): Builder<boolean> {
  return column(onlyName("boolean", [name]), { kind: "boolean" });
}

export function real(name?: string): Builder<number> {
  return column(onlyName("real", [name]), { kind: "real" });
}

export function double(name?: string): Builder<number> {
  return column(onlyName("double", [name]), { kind: "double" });
}

/** Exact decimals lose precision as JS numbers, so rows carry them as strings. */
export function numeric(precision?: number, scale?: number): Builder<string>;
export function numeric(name: string, precision?: number, scale?: number): Builder<string>;
export function numeric(...args: unknown[]): Builder<string> {
  const [name, [p, s]] = nameAndArgs("numeric", args);
  const precision = size(p, "numeric precision", 1);
  const scale = size(s, "numeric scale", 0);
  if (scale !== null && precision === null) throw modelsError("numeric scale needs a precision");
  if (scale !== null && precision !== null && scale > precision) {
    throw modelsError(`numeric scale (${scale}) cannot exceed precision (${precision})`);
  }
  return column(name, { kind: "numeric", precision, scale });
}

/** Rows carry dates as "YYYY-MM-DD" strings: a calendar date has no time zone to put in a Date. */
export function date(name?: string): Builder<string> {
  return column(onlyName("date", [name]), { kind: "date" });
}

export function time(name?: string): Builder<string> {
  return column(onlyName("time", [name]), { kind: "time" });
}

export interface TimestampOptions {
  readonly withTimezone?: boolean;
}

export function timestamp(options?: TimestampOptions): Builder<Date>;
export function timestamp(name: string, options?: TimestampOptions): Builder<Date>;
export function timestamp(...args: unknown[]): Builder<Date> {
  const [name, [options]] = nameAndArgs("timestamp", args);
  if (options !== undefined && (typeof options !== "object" || options === null)) {
    throw modelsError(`timestamp() options must be an object, got ${JSON.stringify(options)}`);
  }
  const withTimezone = (options as TimestampOptions | undefined)?.withTimezone ?? false;
  if (typeof withTimezone !== "boolean") throw modelsError("timestamp() withTimezone must be a boolean");
  return column(name, { kind: "timestamp", withTimezone });
}

export function json(name?: string): Builder<unknown> {
  return column(onlyName("json", [name]), { kind: "json" });
}

export function jsonb(name?: string): Builder<unknown> {
  return column(onlyName("jsonb", [name]), { kind: "jsonb" });
}

export function uuid(name?: string): Builder<string> {
  return column(onlyName("uuid", [name]), { kind: "uuid" });
}

export function blob(name?: string): Builder<Uint8Array> {
  return column(onlyName("blob", [name]), { kind: "blob" });
}

/**
 * A type the DSL has no builder for, written as the database spells it: raw("tsvector"),
 * raw("search", "tsvector"), raw("integer[]"), raw("") for a SQLite column declared without a
 * type. Compared with the reflected type after the dialect's own normalization; rows carry
 * whatever the driver returns.
 */
export function raw(sqlType: string): Builder<unknown>;
export function raw(name: string, sqlType: string): Builder<unknown>;
export function raw(...args: unknown[]): Builder<unknown> {
  if (args.length === 0 || args.length > 2) throw modelsError(`raw() takes the SQL type, or a column name and the SQL type; got ${args.length} arguments`);
  const name = args.length === 2 ? requireName(args[0], "raw() column name") : null;
  // "" is SQLite's column declared without a type.
  const sqlType = args[args.length - 1];
  if (typeof sqlType !== "string") throw modelsError(`raw() takes the SQL type as a string, got ${JSON.stringify(sqlType)}`);
  return column(name, { kind: "raw", sql: sqlType.trim() });
}

export interface EnumOptions {
  /** The SQL column name; else the property key. */
  readonly name?: string;
  /** Schema of the named type (PostgreSQL); else the table's schema. */
  readonly schema?: string;
}

/** enumType("project_status", ["active", "archived"]): the first argument names the TYPE. */
export function enumType<const V extends readonly string[]>(
  typeName: string,
  values: V,
  options: EnumOptions = {},
): Builder<V[number]> {
  requireName(typeName, "enumType() type name");
  if (!Array.isArray(values) || values.length === 0) throw modelsError(`enumType("${typeName}") needs a non-empty array of values`);
  const seen = new Set<string>();
  for (const value of values) {
    if (typeof value !== "string") throw modelsError(`enumType("${typeName}") values must be strings, got ${JSON.stringify(value)}`);
    if (seen.has(value)) throw modelsError(`enumType("${typeName}") lists "${value}" twice`);
    seen.add(value);
  }
  const columnName = options.name === undefined ? null : requireName(options.name, `enumType("${typeName}") column name`);
  const schema = options.schema === undefined ? null : requireName(options.schema, `enumType("${typeName}") schema`);
  return column(columnName, { kind: "enum", name: typeName, values: Object.freeze([...values]) }, schema);
}
