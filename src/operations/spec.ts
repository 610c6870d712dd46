/**
 * The plain-data spellings revision files use for columns and types, and their conversion
 * to snapshots. Revision files only `import type` from athanor, so everything they pass to
 * `op` is an object literal or a string.
 */
import { AthanorError } from "../errors.js";
import type { ColumnSnapshot, ColumnType, ReferentialAction } from "../snapshot/types.js";

/** A type as written in a revision file: "varchar(255)", "numeric(10,2)", "timestamptz", an enum or a raw type. */
export type TypeSpec =
  | string
  | { readonly enum: string; readonly values: readonly string[] }
  | { readonly raw: string };

export interface ColumnSpec {
  readonly type: TypeSpec;
  /** Defaults to true, except for primary key columns. */
  readonly nullable?: boolean;
  readonly primaryKey?: boolean;
  readonly autoincrement?: boolean;
  /** SQL text as it follows DEFAULT: "'active'", "0", "CURRENT_TIMESTAMP". */
  readonly serverDefault?: string | null;
  readonly comment?: string | null;
}

export interface ForeignKeySpec {
  readonly name?: string | null;
  readonly columns: readonly string[];
  readonly referredTable: string;
  readonly referredSchema?: string | null;
  readonly referredColumns: readonly string[];
  readonly onDelete?: ReferentialAction | null;
  readonly onUpdate?: ReferentialAction | null;
}

export interface IndexSpec {
  readonly name: string;
  readonly columns: readonly (string | { readonly expression: string })[];
  readonly unique?: boolean;
  readonly where?: string | null;
  /** The index method when not the default: "gin", "gist", "fulltext"… */
  readonly using?: string | null;
}

const SIMPLE: Record<string, ColumnType> = {
  integer: { kind: "integer" },
  int: { kind: "integer" },
  bigint: { kind: "bigint" },
  smallint: { kind: "smallint" },
  text: { kind: "text" },
  boolean: { kind: "boolean" },
  real: { kind: "real" },
  double: { kind: "double" },
  date: { kind: "date" },
  time: { kind: "time" },
  timestamp: { kind: "timestamp", withTimezone: false },
  timestamptz: { kind: "timestamp", withTimezone: true },
  json: { kind: "json" },
  jsonb: { kind: "jsonb" },
  uuid: { kind: "uuid" },
  blob: { kind: "blob" },
  varchar: { kind: "varchar", length: null },
  char: { kind: "char", length: null },
  numeric: { kind: "numeric", precision: null, scale: null },
};

export function parseTypeSpec(spec: TypeSpec): ColumnType {
  if (typeof spec !== "string") {
    if ("enum" in spec) return { kind: "enum", name: spec.enum, values: [...spec.values] };
    return { kind: "raw", sql: spec.raw };
  }
  const s = spec.trim().toLowerCase();
  const simple = SIMPLE[s];
  if (simple) return simple;
  const m = /^(varchar|char|numeric)\s*\(\s*(\d+)\s*(?:,\s*(\d+)\s*)?\)$/.exec(s);
  if (m) {
    const n = Number(m[2]);
    if (m[1] === "numeric") return { kind: "numeric", precision: n, scale: m[3] === undefined ? 0 : Number(m[3]) };
    if (m[3] !== undefined) throw badType(spec);
    return { kind: m[1] as "varchar" | "char", length: n };
  }
  throw badType(spec);
}

function badType(spec: string): AthanorError {
  return new AthanorError("USAGE", `unknown column type "${spec}": use integer, bigint, smallint, varchar(n), char(n), text, boolean, real, double, numeric(p,s), date, time, timestamp, timestamptz, json, jsonb, uuid, blob, { enum, values } or { raw }`);
}

/** The revision-file spelling of a type; the inverse of parseTypeSpec. */
export function typeToSpec(t: ColumnType): TypeSpec {
  switch (t.kind) {
    case "varchar":
    case "char":
      return t.length === null ? t.kind : `${t.kind}(${t.length})`;
    case "numeric":
      if (t.precision === null) return "numeric";
      return `numeric(${t.precision},${t.scale ?? 0})`;
    case "timestamp":
      return t.withTimezone ? "timestamptz" : "timestamp";
    case "enum":
      return { enum: t.name, values: t.values };
    case "raw":
      return { raw: t.sql };
    default:
      return t.kind;
  }
}

export function columnFromSpec(name: string, spec: ColumnSpec): ColumnSnapshot {
  if (!spec || typeof spec !== "object" || spec.type === undefined) {
    throw new AthanorError("USAGE", `column "${name}" needs a { type } specification`);
  }
  return {
    name,
    type: parseTypeSpec(spec.type),
    nullable: spec.nullable ?? !spec.primaryKey,
    default: spec.serverDefault ?? null,
    autoincrement: spec.autoincrement ?? false,
    comment: spec.comment ?? null,
  };
}
