/** SQL fragments shared by the DDL compiler: names, column definitions, key clauses. */
import type {
  CheckSnapshot, ColumnSnapshot, ForeignKeySnapshot, IndexSnapshot, UniqueSnapshot,
} from "../../snapshot/types.js";
import { AthanorError } from "../../errors.js";
import { renderDefaultClause } from "./defaults.js";
import { quoteIdentifier as q, quoteString } from "./sql-text.js";
import { renderType } from "./types.js";

export function tableName(schema: string | null, table: string): string {
  return schema ? `${q(schema)}.${q(table)}` : q(table);
}

export function columnList(columns: readonly string[]): string {
  return columns.map(q).join(", ");
}

/** The whole definition of a column, as CREATE TABLE, ADD COLUMN and MODIFY COLUMN take it. */
export function columnDefinition(column: ColumnSnapshot): string {
  let sql = `${q(column.name)} ${renderType(column.type)}`;
  // Always explicit: a TIMESTAMP column is NOT NULL by default on older servers.
  sql += column.nullable ? " NULL" : " NOT NULL";
  if (column.autoincrement) sql += " AUTO_INCREMENT";
  else sql += renderDefaultClause(column.default, column.type);
  if (column.comment !== null) sql += ` COMMENT ${quoteString(column.comment)}`;
  return sql;
}

export function uniqueClause(unique: UniqueSnapshot): string {
  const name = unique.name === null ? "" : `CONSTRAINT ${q(unique.name)} `;
  return `${name}UNIQUE (${columnList(unique.columns)})`;
}

export function foreignKeyClause(fk: ForeignKeySnapshot): string {
  const name = fk.name === null ? "" : `CONSTRAINT ${q(fk.name)} `;
  let sql = `${name}FOREIGN KEY (${columnList(fk.columns)}) REFERENCES ${tableName(fk.referredSchema, fk.referredTable)} (${columnList(fk.referredColumns)})`;
  if (fk.onDelete) sql += ` ON DELETE ${fk.onDelete}`;
  if (fk.onUpdate) sql += ` ON UPDATE ${fk.onUpdate}`;
  return sql;
}

export function checkClause(check: CheckSnapshot): string {
  const name = check.name === null ? "" : `CONSTRAINT ${q(check.name)} `;
  return `${name}CHECK (${check.expression})`;
}

// A prefix key part as reflection writes it: `col`(10).
const PREFIX_PART_RE = /^`(?:[^`]|``)+`\s*\(\s*\d+\s*\)$/;

function indexPart(part: IndexSnapshot["columns"][number]): string {
  if (typeof part === "string") return q(part);
  if (PREFIX_PART_RE.test(part.expression.trim())) return part.expression.trim();
  // A functional key part (MySQL 8.0.13+) is an expression in its own parentheses.
  return `(${part.expression})`;
}

export function createIndexStatement(schema: string | null, table: string, index: IndexSnapshot): string {
  if (index.where !== null) {
    throw new AthanorError("MIGRATION", `index "${index.name}" on "${table}" has a WHERE clause: MySQL and MariaDB have no partial indexes`, { operation: "createIndex" });
  }
  const kind = index.using === "fulltext" || index.using === "spatial" ? `${index.using.toUpperCase()} ` : index.unique ? "UNIQUE " : "";
  if (index.using !== undefined && kind === "") {
    throw new AthanorError("MIGRATION", `index "${index.name}" on "${table}" uses "${index.using}": MySQL and MariaDB know FULLTEXT and SPATIAL indexes only`, { operation: "createIndex" });
  }
  return `CREATE ${kind}INDEX ${q(index.name)} ON ${tableName(schema, table)} (${index.columns.map(indexPart).join(", ")})`;
}
