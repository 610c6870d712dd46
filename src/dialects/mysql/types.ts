/**
 * Column types: the MySQL spelling of each ColumnType, the ColumnType of a server's COLUMN_TYPE,
 * and the equality that makes a model's type and the reflected one compare equal.
 */
import type { ColumnType } from "../../snapshot/types.js";
import { assertNever } from "../../operations/types.js";
import { parseMysqlStringList, quoteString } from "./sql-text.js";

// MySQL has no length-less VARCHAR; a model's varchar() gets the common default.
const DEFAULT_VARCHAR_LENGTH = 255;

export function renderType(type: ColumnType): string {
  switch (type.kind) {
    case "integer": return "INT";
    case "bigint": return "BIGINT";
    case "smallint": return "SMALLINT";
    case "varchar": return `VARCHAR(${type.length ?? DEFAULT_VARCHAR_LENGTH})`;
    case "char": return type.length === null ? "CHAR" : `CHAR(${type.length})`;
    case "text": return "TEXT";
    case "boolean": return "BOOLEAN";
    case "real": return "FLOAT";
    case "double": return "DOUBLE";
    case "numeric":
      if (type.precision === null) return "DECIMAL";
      return type.scale === null ? `DECIMAL(${type.precision})` : `DECIMAL(${type.precision},${type.scale})`;
    case "date": return "DATE";
    case "time": return "TIME";
    // DATETIME stores wall-clock time; TIMESTAMP converts through the session zone.
    case "timestamp": return type.withTimezone ? "TIMESTAMP" : "DATETIME";
    case "json":
    case "jsonb": return "JSON";
    // CHAR(36) rather than MariaDB's UUID type, so the same model runs on MySQL too.
    case "uuid": return "CHAR(36)";
    case "blob": return "BLOB";
    case "enum": return `ENUM(${type.values.map(quoteString).join(",")})`;
    case "raw": return type.sql;
    default: return assertNever(type, "column type");
  }
}

const INTEGER_RE = /^(tinyint|smallint|mediumint|int|integer|bigint)(?:\s*\(\s*(\d+)\s*\))?((?:\s+(?:unsigned|signed|zerofill))*)$/;
const DECIMAL_RE = /^(?:decimal|numeric|dec|fixed)(?:\s*\(\s*(\d+)\s*(?:,\s*(\d+)\s*)?\))?$/;
const LENGTH_RE = /^(varchar|character varying|char|character)(?:\s*\(\s*(\d+)\s*\))?$/;

/** The ColumnType for a server's COLUMN_TYPE text (e.g. `int(11)`, `enum('a','b')`). */
export function parseColumnType(columnType: string): ColumnType {
  const t = columnType.trim().toLowerCase().replace(/\s+/g, " ");
  const int = INTEGER_RE.exec(t);
  if (int) {
    // "signed" is the default; unsigned/zerofill change the range, which no named kind expresses.
    if (/unsigned|zerofill/.test(int[3]!)) return { kind: "raw", sql: columnType };
    switch (int[1]) {
      case "int": case "integer": return { kind: "integer" };
      case "bigint": return { kind: "bigint" };
      case "smallint": return { kind: "smallint" };
      case "tinyint": return int[2] === "1" ? { kind: "boolean" } : { kind: "raw", sql: columnType };
      default: return { kind: "raw", sql: columnType };
    }
  }
  const dec = DECIMAL_RE.exec(t);
  if (dec) {
    return { kind: "numeric", precision: dec[1] ? Number(dec[1]) : null, scale: dec[2] ? Number(dec[2]) : null };
  }
  const len = LENGTH_RE.exec(t);
  if (len) {
    const length = len[2] ? Number(len[2]) : null;
    return len[1]!.includes("var") ? { kind: "varchar", length } : { kind: "char", length };
  }
  if (t.startsWith("enum(") && t.endsWith(")")) {
    return { kind: "enum", name: "", values: parseMysqlStringList(columnType.trim().slice(5, -1)) };
  }
  switch (t) {
    case "bool": case "boolean": return { kind: "boolean" };
    case "text": return { kind: "text" };
    case "float": return { kind: "real" };
    case "double": case "double precision": case "real": return { kind: "double" };
    case "date": return { kind: "date" };
    case "time": return { kind: "time" };
    case "datetime": return { kind: "timestamp", withTimezone: false };
    case "timestamp": return { kind: "timestamp", withTimezone: true };
    case "json": return { kind: "json" };
    case "uuid": return { kind: "uuid" };
    case "blob": case "longblob": return { kind: "blob" };
    default: return { kind: "raw", sql: columnType };
  }
}

/** One string per distinct MySQL column type: equal keys mean the same column on the server. */
function typeKey(type: ColumnType): string {
  switch (type.kind) {
    case "integer": return "int";
    case "bigint": return "bigint";
    case "smallint": return "smallint";
    case "varchar": return `varchar(${type.length ?? DEFAULT_VARCHAR_LENGTH})`;
    case "char": return `char(${type.length ?? 1})`;
    case "text": return "text";
    case "boolean": return "tinyint(1)";
    case "real": return "float";
    case "double": return "double";
    // The server fills in DECIMAL's defaults: DECIMAL = DECIMAL(10,0), DECIMAL(p) = DECIMAL(p,0).
    case "numeric": return `decimal(${type.precision ?? 10},${type.precision === null ? 0 : type.scale ?? 0})`;
    case "date": return "date";
    case "time": return "time";
    case "timestamp": return type.withTimezone ? "timestamp" : "datetime";
    case "json": case "jsonb": return "json";
    // A model's uuid() is CHAR(36); MariaDB's native UUID holds the same values.
    case "uuid": return "char(36)";
    case "blob": return "blob";
    // MySQL enums have no name of their own: only the values matter.
    case "enum": return `enum${JSON.stringify(type.values)}`;
    case "raw": {
      const parsed = parseColumnType(type.sql);
      if (parsed.kind !== "raw") return typeKey(parsed);
      // Integer display widths (int(10) unsigned) carry no meaning since MySQL 8.0.17.
      return parsed.sql.trim().toLowerCase().replace(/\s+/g, " ")
        .replace(/^(tinyint|smallint|mediumint|int|integer|bigint)\s*\(\d+\)/, "$1").replace(/^integer/, "int");
    }
    default: return assertNever(type, "column type");
  }
}

export function typesEqual(a: ColumnType, b: ColumnType): boolean {
  return typeKey(a) === typeKey(b);
}

/** Types whose defaults are numbers: `'0'`, `0` and `0.00` mean the same default there. */
export function isNumericType(type: ColumnType): boolean {
  const t = type.kind === "raw" ? parseColumnType(type.sql) : type;
  switch (t.kind) {
    case "integer": case "bigint": case "smallint": case "real": case "double": case "numeric": case "boolean":
      return true;
    case "raw": return /^(tinyint|smallint|mediumint|int|integer|bigint|float|double|real|decimal|numeric)\b/i.test(t.sql.trim());
    default: return false;
  }
}

/** Types MySQL 8 accepts a DEFAULT on only as a parenthesized expression. */
export function needsExpressionDefault(type: ColumnType): boolean {
  const t = type.kind === "raw" ? parseColumnType(type.sql) : type;
  switch (t.kind) {
    case "text": case "json": case "jsonb": case "blob": return true;
    case "raw": return /^(tiny|medium|long)?(text|blob)\b|^json\b|^geometry|^point|^polygon|^linestring/i.test(t.sql.trim());
    default: return false;
  }
}
