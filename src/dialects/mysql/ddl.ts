/** Operations → MySQL/MariaDB statements. DDL is not transactional here: each statement commits. */
import type { CompileContext } from "../dialect.js";
import type { Op, OpOf } from "../../operations/types.js";
import { assertNever } from "../../operations/types.js";
import { AthanorError } from "../../errors.js";
import { compileInline } from "../../operations/batch.js";
import { compileAlterColumn } from "./alter-column.js";
import {
  checkClause, columnDefinition, columnList, createIndexStatement, foreignKeyClause, tableName, uniqueClause,
} from "./clauses.js";
import { compileDropConstraint } from "./drop-constraint.js";
import { literal, quoteIdentifier as q, quoteString } from "./sql-text.js";

function createTable(op: OpOf<"createTable">): string[] {
  const t = op.table;
  const parts = t.columns.map(columnDefinition);
  if (t.primaryKey) parts.push(`PRIMARY KEY (${columnList(t.primaryKey.columns)})`);
  for (const u of t.uniques) parts.push(uniqueClause(u));
  for (const fk of t.foreignKeys) parts.push(foreignKeyClause(fk));
  for (const c of t.checks) parts.push(checkClause(c));
  const comment = t.comment !== null ? ` COMMENT=${quoteString(t.comment)}` : "";
  return [
    `CREATE TABLE ${tableName(t.schema, t.name)} (\n  ${parts.join(",\n  ")}\n)${comment}`,
    ...t.indexes.map((i) => createIndexStatement(t.schema, t.name, i)),
  ];
}

function bulkInsert(op: OpOf<"bulkInsert">): string[] {
  if (op.rows.length === 0) return [];
  const columns = [...new Set(op.rows.flatMap((r) => Object.keys(r)))];
  // A key missing from a row takes the column's default, as it would in a one-row INSERT.
  const values = op.rows.map((r) => `(${columns.map((c) => (c in r ? literal(r[c]) : "DEFAULT")).join(", ")})`);
  return [`INSERT INTO ${tableName(op.schema, op.table)} (${columns.map(q).join(", ")}) VALUES\n  ${values.join(",\n  ")}`];
}

export async function compile(op: Op, ctx: CompileContext): Promise<string[]> {
  switch (op.kind) {
    case "createTable": return createTable(op);
    case "dropTable": return [`DROP TABLE ${tableName(op.table.schema, op.table.name)}`];
    case "renameTable": return [`RENAME TABLE ${tableName(op.schema, op.from)} TO ${tableName(op.schema, op.to)}`];
    case "addColumn": return [`ALTER TABLE ${tableName(op.schema, op.table)} ADD COLUMN ${columnDefinition(op.column)}`];
    case "dropColumn": return [`ALTER TABLE ${tableName(op.schema, op.table)} DROP COLUMN ${q(op.column.name)}`];
    case "alterColumn": return compileAlterColumn(op);
    // MySQL builds indexes online by default; `concurrently` has nothing to add.
    case "createIndex": return [createIndexStatement(op.schema, op.table, op.index)];
    case "dropIndex": return [`DROP INDEX ${q(op.index.name)} ON ${tableName(op.schema, op.table)}`];
    case "createUniqueConstraint": return [`ALTER TABLE ${tableName(op.schema, op.table)} ADD ${uniqueClause(op.unique)}`];
    case "createForeignKey": return [`ALTER TABLE ${tableName(op.schema, op.table)} ADD ${foreignKeyClause(op.foreignKey)}`];
    case "createCheckConstraint": return [`ALTER TABLE ${tableName(op.schema, op.table)} ADD ${checkClause(op.check)}`];
    case "createPrimaryKey": return [`ALTER TABLE ${tableName(op.schema, op.table)} ADD PRIMARY KEY (${columnList(op.primaryKey.columns)})`];
    case "dropConstraint": return compileDropConstraint(op, ctx);
    case "createTableComment": return [`ALTER TABLE ${tableName(op.schema, op.table)} COMMENT = ${quoteString(op.comment)}`];
    case "dropTableComment": return [`ALTER TABLE ${tableName(op.schema, op.table)} COMMENT = ''`];
    // MySQL enums live inside their columns: there is no type to create or drop.
    case "createEnum":
    case "dropEnum": return [];
    case "addEnumValue":
      throw new AthanorError("MIGRATION", `addEnumValue on "${op.enum.name}": MySQL enums belong to columns; change the column's type with alterColumn`, { operation: "addEnumValue" });
    case "replaceEnum":
      throw new AthanorError("MIGRATION", `replaceEnum on "${op.enum.name}": MySQL enums belong to columns; change the column's type with alterColumn`, { operation: "replaceEnum" });
    case "execute": return [op.sql];
    case "bulkInsert": return bulkInsert(op);
    // The runner runs a batch's ops one by one; a direct compile gets their statements in a row.
    case "batchAlterTable": return compileInline(op, ctx, compile);
    default: return assertNever(op, "operation");
  }
}
