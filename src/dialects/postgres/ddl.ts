/**
 * compile(op) → SQL statements, in the order they must run.
 */
import type { CompileContext } from "../dialect.js";
import { assertNever, type Op, type OpOf } from "../../operations/types.js";
import type { TableSnapshot } from "../../snapshot/types.js";
import { isIntegerType, renderType } from "./column-types.js";
import {
  checkClause, columnDefinition, columnList, commentOnColumn, commentOnTable, createIndexStatement,
  foreignKeyClause, primaryKeyClause, tableName, uniqueClause,
} from "./ddl-clauses.js";
import { qualify, quoteIdentifier } from "./identifiers.js";
import { literal } from "./literal.js";
import { compileInline } from "../../operations/batch.js";
import { replaceEnum } from "./replace-enum.js";

export async function compile(op: Op, _ctx: CompileContext): Promise<string[]> {
  switch (op.kind) {
    case "createTable": return createTable(op.table);
    case "dropTable": return [`DROP TABLE ${qualify(op.table.schema, op.table.name)}`];
    case "renameTable":
      return [`ALTER TABLE ${qualify(op.schema, op.from)} RENAME TO ${quoteIdentifier(op.to)}`];
    case "addColumn": {
      const out = [`ALTER TABLE ${tableName(op)} ADD COLUMN ${columnDefinition(op.column)}`];
      if (op.column.comment !== null) out.push(commentOnColumn(op, op.column.name, op.column.comment));
      return out;
    }
    case "dropColumn": return [`ALTER TABLE ${tableName(op)} DROP COLUMN ${quoteIdentifier(op.column.name)}`];
    case "alterColumn": return alterColumn(op);
    case "createIndex": return [createIndexStatement(op, op.index, op.concurrently ?? false)];
    case "dropIndex": return [`DROP INDEX ${qualify(op.schema, op.index.name)}`];
    case "createUniqueConstraint": return [`ALTER TABLE ${tableName(op)} ADD ${uniqueClause(op.unique)}`];
    case "createForeignKey": return [`ALTER TABLE ${tableName(op)} ADD ${foreignKeyClause(op.foreignKey)}`];
    case "createCheckConstraint": return [`ALTER TABLE ${tableName(op)} ADD ${checkClause(op.check)}`];
    case "createPrimaryKey": return [`ALTER TABLE ${tableName(op)} ADD ${primaryKeyClause(op.primaryKey)}`];
    case "dropConstraint": return [`ALTER TABLE ${tableName(op)} DROP CONSTRAINT ${quoteIdentifier(op.name)}`];
    case "createTableComment": return [commentOnTable(op, op.comment)];
    case "dropTableComment": return [commentOnTable(op, null)];
    case "createEnum":
      return [`CREATE TYPE ${qualify(op.enum.schema, op.enum.name)} AS ENUM (${op.enum.values.map(literal).join(", ")})`];
    case "dropEnum": return [`DROP TYPE ${qualify(op.enum.schema, op.enum.name)}`];
    case "addEnumValue": {
      const position = op.before ? ` BEFORE ${literal(op.before)}` : op.after ? ` AFTER ${literal(op.after)}` : "";
      return [`ALTER TYPE ${qualify(op.enum.schema, op.enum.name)} ADD VALUE ${literal(op.value)}${position}`];
    }
    case "replaceEnum": return replaceEnum(op);
    case "execute": return [op.sql];
    case "bulkInsert": return bulkInsert(op);
    // The runner runs a batch's ops one by one; a direct compile gets their statements in a row.
    case "batchAlterTable": return compileInline(op, _ctx, compile);
    default: return assertNever(op, "operation");
  }
}

function createTable(t: TableSnapshot): string[] {
  const ref = { schema: t.schema, table: t.name };
  const elements = [
    ...t.columns.map(columnDefinition),
    ...(t.primaryKey ? [primaryKeyClause(t.primaryKey)] : []),
    ...t.uniques.map(uniqueClause),
    ...t.foreignKeys.map(foreignKeyClause),
    ...t.checks.map(checkClause),
  ];
  const out = [`CREATE TABLE ${tableName(ref)} (\n  ${elements.join(",\n  ")}\n)`];
  if (t.comment !== null) out.push(commentOnTable(ref, t.comment));
  for (const c of t.columns) if (c.comment !== null) out.push(commentOnColumn(ref, c.name, c.comment));
  for (const i of t.indexes) out.push(createIndexStatement(ref, i));
  return out;
}

/** One statement per change; the rename comes last so the others can use the old name. */
function alterColumn(op: OpOf<"alterColumn">): string[] {
  const { changes } = op;
  const alter = `ALTER TABLE ${tableName(op)} ALTER COLUMN ${quoteIdentifier(op.column)}`;
  const out: string[] = [];
  if (changes.autoincrement === false) {
    // Identity columns lose their identity; SERIAL ones their nextval default.
    out.push(`${alter} DROP IDENTITY IF EXISTS`);
    if (changes.default === undefined) out.push(`${alter} DROP DEFAULT`);
  }
  if (changes.type !== undefined) {
    // A default the server cannot cast along with the column ("cannot be cast automatically")
    // is taken off during the change and put back after it, unless the op sets a new one.
    const prior = op.existing.autoincrement || changes.autoincrement === false ? null : op.existing.default;
    if (prior !== null) out.push(`${alter} DROP DEFAULT`);
    const type = renderType(changes.type);
    out.push(`${alter} TYPE ${type} USING ${quoteIdentifier(op.column)}::${type}`);
    if (prior !== null && changes.default === undefined) out.push(`${alter} SET DEFAULT ${withoutLiteralCast(prior)}`);
  }
  if (changes.nullable !== undefined) out.push(`${alter} ${changes.nullable ? "DROP" : "SET"} NOT NULL`);
  if (changes.default !== undefined) {
    out.push(changes.default === null ? `${alter} DROP DEFAULT` : `${alter} SET DEFAULT ${changes.default}`);
  }
  if (changes.autoincrement === true && isIntegerType(changes.type ?? op.existing.type)) {
    // An identity column must be NOT NULL and have no default.
    if (changes.nullable === undefined && op.existing.nullable) out.push(`${alter} SET NOT NULL`);
    if (changes.default === undefined && op.existing.default !== null) out.push(`${alter} DROP DEFAULT`);
    out.push(`${alter} ADD GENERATED BY DEFAULT AS IDENTITY`);
  }
  if (changes.comment !== undefined) out.push(commentOnColumn(op, op.column, changes.comment));
  if (changes.newName !== undefined && changes.newName !== op.column) {
    out.push(`ALTER TABLE ${tableName(op)} RENAME COLUMN ${quoteIdentifier(op.column)} TO ${quoteIdentifier(changes.newName)}`);
  }
  return out;
}

/** One INSERT; a key missing from a row takes the column's DEFAULT. */
function bulkInsert(op: OpOf<"bulkInsert">): string[] {
  if (op.rows.length === 0) return [];
  const columns = [...new Set(op.rows.flatMap((r) => Object.keys(r)))];
  const values = op.rows.map((r) => `(${columns.map((c) => (c in r ? literal(r[c]) : "DEFAULT")).join(", ")})`);
  return [`INSERT INTO ${tableName(op)} (${columnList(columns)}) VALUES\n  ${values.join(",\n  ")}`];
}

/**
 * `'0'::text` → `'0'`: a reflected literal keeps the cast to the old type, which the new type
 * may not accept; the bare literal is read as the new type.
 */
function withoutLiteralCast(sql: string): string {
  const m = /^\s*('(?:[^']|'')*')::[A-Za-z_][\w ."]*(?:\([\d, ]*\))?(?:\[\])*\s*$/.exec(sql);
  return m ? m[1]! : sql;
}
