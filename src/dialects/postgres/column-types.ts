/**
 * Column types: the PostgreSQL spelling of each ColumnType, and the reverse mapping from the
 * server's spelling (format_type) or any alias a user may write in a raw type.
 */
import type { ColumnType } from "../../snapshot/types.js";
import { assertNever } from "../../operations/types.js";
import { quoteIdentifier } from "./identifiers.js";

export function renderType(type: ColumnType): string {
  switch (type.kind) {
    case "integer": return "integer";
    case "bigint": return "bigint";
    case "smallint": return "smallint";
    case "varchar": return type.length === null ? "varchar" : `varchar(${type.length})`;
    case "char": return type.length === null ? "char" : `char(${type.length})`;
    case "text": return "text";
    case "boolean": return "boolean";
    case "real": return "real";
    case "double": return "double precision";
    case "numeric":
      if (type.precision === null) return "numeric";
      return type.scale === null ? `numeric(${type.precision})` : `numeric(${type.precision},${type.scale})`;
    case "date": return "date";
    case "time": return "time";
    case "timestamp": return type.withTimezone ? "timestamp with time zone" : "timestamp";
    case "json": return "json";
    case "jsonb": return "jsonb";
    case "uuid": return "uuid";
    case "blob": return "bytea";
    case "enum": return renderEnumName(type.name);
    case "raw": return type.sql;
    default: return assertNever(type, "column type");
  }
}

/**
 * Enum names from reflection are `schema.name` outside the default schema; a dot therefore
 * separates schema and name. An enum whose own name contains a dot is not supported.
 */
function renderEnumName(name: string): string {
  const dot = name.indexOf(".");
  if (dot <= 0) return quoteIdentifier(name);
  return `${quoteIdentifier(name.slice(0, dot))}.${quoteIdentifier(name.slice(dot + 1))}`;
}

const SIMPLE: Record<string, ColumnType> = {
  integer: { kind: "integer" }, int: { kind: "integer" }, int4: { kind: "integer" }, serial: { kind: "integer" },
  serial4: { kind: "integer" },
  bigint: { kind: "bigint" }, int8: { kind: "bigint" }, bigserial: { kind: "bigint" }, serial8: { kind: "bigint" },
  smallint: { kind: "smallint" }, int2: { kind: "smallint" }, smallserial: { kind: "smallint" },
  serial2: { kind: "smallint" },
  text: { kind: "text" },
  boolean: { kind: "boolean" }, bool: { kind: "boolean" },
  real: { kind: "real" }, float4: { kind: "real" },
  "double precision": { kind: "double" }, float8: { kind: "double" }, float: { kind: "double" },
  date: { kind: "date" },
  time: { kind: "time" }, "time without time zone": { kind: "time" },
  timestamp: { kind: "timestamp", withTimezone: false },
  "timestamp without time zone": { kind: "timestamp", withTimezone: false },
  timestamptz: { kind: "timestamp", withTimezone: true },
  "timestamp with time zone": { kind: "timestamp", withTimezone: true },
  json: { kind: "json" }, jsonb: { kind: "jsonb" }, uuid: { kind: "uuid" }, bytea: { kind: "blob" },
};

/**
 * Map a PostgreSQL type spelling to a named ColumnType, or to raw (canonical spelling) when the
 * tool has no name for it. Enums are not recognised here: only the catalog knows them.
 */
export function parsePgType(sql: string): ColumnType {
  const s = sql.trim().replace(/\s+/g, " ").toLowerCase();
  const simple = SIMPLE[s];
  if (simple) return simple;
  let m = /^(?:character varying|varchar)(?: ?\((\d+)\))?$/.exec(s);
  if (m) return { kind: "varchar", length: m[1] === undefined ? null : Number(m[1]) };
  m = /^(?:character|char|bpchar)(?: ?\((\d+)\))?$/.exec(s);
  if (m) return { kind: "char", length: m[1] === undefined ? null : Number(m[1]) };
  m = /^(?:numeric|decimal)(?: ?\((\d+)(?: ?, ?(-?\d+))?\))?$/.exec(s);
  if (m) {
    return {
      kind: "numeric",
      precision: m[1] === undefined ? null : Number(m[1]),
      scale: m[2] === undefined ? null : Number(m[2]),
    };
  }
  m = /^float ?\((\d+)\)$/.exec(s);
  if (m) return Number(m[1]) <= 24 ? { kind: "real" } : { kind: "double" };
  return { kind: "raw", sql: sql.trim() };
}

/** Spelling of a raw type for comparison: aliases resolved, element types of arrays too. */
function canonicalRaw(sql: string): string {
  const s = sql.trim().replace(/\s+/g, " ").toLowerCase().replace(/\s*\[\s*\]/g, "[]");
  const arrays = /(\[\])+$/.exec(s);
  if (!arrays) return s;
  const element = parsePgType(s.slice(0, s.length - arrays[0].length));
  const inner = element.kind === "raw" ? element.sql.toLowerCase() : renderType(element);
  return inner + arrays[0];
}

/** Named kinds for anything a user may have written as raw (`int4`, `serial`, `timestamptz`...). */
function canonical(type: ColumnType): ColumnType {
  return type.kind === "raw" ? parsePgType(type.sql) : type;
}

function enumKey(name: string): string {
  return name.startsWith("public.") ? name.slice("public.".length) : name;
}

export function typesEqual(left: ColumnType, right: ColumnType): boolean {
  const a = canonical(left);
  const b = canonical(right);
  switch (a.kind) {
    case "varchar":
      return b.kind === "varchar" && a.length === b.length;
    case "char":
      // A char without length is char(1) in PostgreSQL.
      return b.kind === "char" && (a.length ?? 1) === (b.length ?? 1);
    case "numeric":
      // numeric(p) is stored as numeric(p,0).
      return b.kind === "numeric" && a.precision === b.precision &&
        (a.precision === null || (a.scale ?? 0) === (b.scale ?? 0));
    case "timestamp":
      return b.kind === "timestamp" && a.withTimezone === b.withTimezone;
    case "enum":
      if (b.kind === "raw") return enumKey(a.name) === enumKey(b.sql.replace(/"/g, ""));
      return b.kind === "enum" && enumKey(a.name) === enumKey(b.name);
    case "raw":
      if (b.kind === "enum") return typesEqual(b, a);
      return b.kind === "raw" && canonicalRaw(a.sql) === canonicalRaw(b.sql);
    default:
      return a.kind === b.kind;
  }
}

const NUMERIC_KINDS = new Set(["integer", "bigint", "smallint", "numeric", "real", "double"]);
const STRING_KINDS = new Set(["varchar", "char", "text", "enum"]);

export function isNumericType(type: ColumnType): boolean {
  return NUMERIC_KINDS.has(canonical(type).kind);
}

export function isStringType(type: ColumnType): boolean {
  return STRING_KINDS.has(canonical(type).kind);
}

export function isIntegerType(type: ColumnType): boolean {
  const k = canonical(type).kind;
  return k === "integer" || k === "bigint" || k === "smallint";
}
