/**
 * Column types in SQLite are declared names: the database keeps the text as written and derives
 * only an affinity from it. We render each named kind so that the declared text reflects back to
 * the same kind, and parse declared text (ours or anyone's) into kinds.
 */
import type { ColumnType } from "../../snapshot/types.js";

const INTEGER_FAMILY = new Set(["integer", "bigint", "smallint"]);

export function renderType(type: ColumnType): string {
  switch (type.kind) {
    case "integer": return "INTEGER";
    case "bigint": return "BIGINT";
    case "smallint": return "SMALLINT";
    case "varchar": return type.length === null ? "VARCHAR" : `VARCHAR(${type.length})`;
    case "char": return type.length === null ? "CHAR" : `CHAR(${type.length})`;
    case "text": return "TEXT";
    case "boolean": return "BOOLEAN";
    case "real": return "REAL";
    case "double": return "DOUBLE";
    case "numeric":
      if (type.precision === null) return "NUMERIC";
      return type.scale === null ? `NUMERIC(${type.precision})` : `NUMERIC(${type.precision},${type.scale})`;
    case "date": return "DATE";
    case "time": return "TIME";
    case "timestamp": return type.withTimezone ? "TIMESTAMP WITH TIME ZONE" : "DATETIME";
    case "json": return "JSON";
    case "jsonb": return "JSONB";
    case "uuid": return "UUID";
    case "blob": return "BLOB";
    // SQLite has no enum type: a VARCHAR wide enough for the longest value.
    case "enum": return `VARCHAR(${enumWidth(type.values)})`;
    case "raw": return type.sql;
  }
}

export function enumWidth(values: readonly string[]): number {
  return Math.max(1, ...values.map((v) => [...v].length));
}

const DECLARED = /^([A-Z][A-Z0-9_ ]*?)\s*(?:\(\s*(\d+)\s*(?:,\s*(\d+)\s*)?\))?$/;

/** The named kind of a declared type, or raw with the text as declared. */
export function parseDeclaredType(declared: string): ColumnType {
  const text = declared.trim().replace(/\s+/g, " ");
  const m = DECLARED.exec(text.toUpperCase());
  if (!m) return { kind: "raw", sql: declared };
  const base = m[1]!.trim();
  const a = m[2] === undefined ? null : Number(m[2]);
  const b = m[3] === undefined ? null : Number(m[3]);
  const simple = a === null;
  switch (base) {
    case "VARCHAR": case "CHARACTER VARYING": case "VARYING CHARACTER": case "NVARCHAR":
    case "NATIONAL CHARACTER VARYING":
      if (b === null) return { kind: "varchar", length: a };
      break;
    case "CHAR": case "CHARACTER": case "NCHAR": case "NATIVE CHARACTER": case "NATIONAL CHARACTER":
      if (b === null) return { kind: "char", length: a };
      break;
    case "NUMERIC": case "DECIMAL":
      return { kind: "numeric", precision: a, scale: b };
  }
  if (!simple) return { kind: "raw", sql: declared };
  switch (base) {
    case "INTEGER": case "INT": return { kind: "integer" };
    case "BIGINT": case "INT8": return { kind: "bigint" };
    case "SMALLINT": case "INT2": return { kind: "smallint" };
    case "TEXT": return { kind: "text" };
    case "BOOLEAN": case "BOOL": return { kind: "boolean" };
    case "REAL": case "FLOAT": return { kind: "real" };
    case "DOUBLE": case "DOUBLE PRECISION": return { kind: "double" };
    case "DATE": return { kind: "date" };
    case "TIME": return { kind: "time" };
    case "DATETIME": case "TIMESTAMP": case "TIMESTAMP WITHOUT TIME ZONE":
      return { kind: "timestamp", withTimezone: false };
    case "TIMESTAMP WITH TIME ZONE": case "TIMESTAMPTZ":
      return { kind: "timestamp", withTimezone: true };
    case "JSON": return { kind: "json" };
    case "JSONB": return { kind: "jsonb" };
    case "UUID": return { kind: "uuid" };
    case "BLOB": return { kind: "blob" };
    default: return { kind: "raw", sql: declared };
  }
}

/** A raw type that spells a named kind is that kind. */
function named(t: ColumnType): ColumnType {
  return t.kind === "raw" ? parseDeclaredType(t.sql) : t;
}

export function typesEqual(x: ColumnType, y: ColumnType): boolean {
  const a = named(x);
  const b = named(y);
  // SQLite stores every integer in one 8-byte class; the declared width means nothing, and an
  // autoincrement key must be declared INTEGER whatever width the model asked for.
  if (INTEGER_FAMILY.has(a.kind) && INTEGER_FAMILY.has(b.kind)) return true;
  if (a.kind === "enum" && b.kind === "enum") return enumWidth(a.values) === enumWidth(b.values);
  if (a.kind === "enum" && b.kind === "varchar") return enumFits(a.values, b.length);
  if (b.kind === "enum" && a.kind === "varchar") return enumFits(b.values, a.length);
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case "varchar": case "char":
      return a.length === (b as typeof a).length;
    case "numeric": {
      const o = b as typeof a;
      // NUMERIC(10) and NUMERIC(10,0) are the same declaration.
      const scale = (p: number | null, s: number | null) => (p === null ? s : s ?? 0);
      return a.precision === o.precision && scale(a.precision, a.scale) === scale(o.precision, o.scale);
    }
    case "timestamp":
      return a.withTimezone === (b as typeof a).withTimezone;
    case "raw":
      return canonicalRaw(a.sql) === canonicalRaw((b as typeof a).sql);
    default:
      return true;
  }
}

/** A VARCHAR holding an enum is unchanged while every value still fits. */
function enumFits(values: readonly string[], length: number | null): boolean {
  return length === null || length >= enumWidth(values);
}

function canonicalRaw(sql: string): string {
  return sql.trim().replace(/\s+/g, " ").replace(/\s*([(),])\s*/g, "$1").toUpperCase();
}
