import { AthanorError } from "../errors.js";
import type { ColumnSnapshot, ForeignKeySnapshot, PrimaryKeySnapshot, UniqueSnapshot, CheckSnapshot } from "../snapshot/types.js";
import { reverseBatch } from "./batch.js";
import { assertNever, type ColumnChanges, type Op } from "./types.js";

/**
 * The operation that undoes `op`. Total for every op autogenerate emits, because drop and
 * alter ops carry the prior object; an op that cannot be undone fails loudly here, when the
 * revision is written, rather than as a silently missing downgrade.
 */
export function reverseOp(op: Op): Op {
  switch (op.kind) {
    case "createTable":
      return { kind: "dropTable", table: op.table };
    case "dropTable":
      return { kind: "createTable", table: op.table };
    case "renameTable":
      return { kind: "renameTable", schema: op.schema, from: op.to, to: op.from };
    case "addColumn":
      return { kind: "dropColumn", schema: op.schema, table: op.table, column: op.column };
    case "dropColumn":
      return { kind: "addColumn", schema: op.schema, table: op.table, column: op.column };
    case "alterColumn":
      return reverseAlter(op);
    case "createIndex":
      return { kind: "dropIndex", schema: op.schema, table: op.table, index: op.index };
    case "dropIndex":
      return { kind: "createIndex", schema: op.schema, table: op.table, index: op.index };
    case "createUniqueConstraint":
      return dropConstraintOf(op, op.unique.name, "unique", op.unique);
    case "createForeignKey":
      return dropConstraintOf(op, op.foreignKey.name, "foreignkey", op.foreignKey);
    case "createCheckConstraint":
      return dropConstraintOf(op, op.check.name, "check", op.check);
    case "createPrimaryKey":
      return dropConstraintOf(op, op.primaryKey.name, "primary", op.primaryKey);
    case "dropConstraint":
      return recreateConstraint(op);
    case "createTableComment":
      return op.existing === null
        ? { kind: "dropTableComment", schema: op.schema, table: op.table, existing: op.comment }
        : { kind: "createTableComment", schema: op.schema, table: op.table, comment: op.existing, existing: op.comment };
    case "dropTableComment":
      if (op.existing === null) return op;
      return { kind: "createTableComment", schema: op.schema, table: op.table, comment: op.existing, existing: null };
    case "createEnum":
      return { kind: "dropEnum", enum: op.enum };
    case "dropEnum":
      return { kind: "createEnum", enum: op.enum };
    case "addEnumValue":
      // A value cannot be taken out of a type in place: the downgrade rewrites the type without it.
      return { kind: "replaceEnum", enum: op.enum, existing: { ...op.enum, values: withEnumValue(op) } };
    case "replaceEnum":
      return { kind: "replaceEnum", enum: op.existing, existing: op.enum };
    case "execute":
      throw irreversible(op, "raw SQL has no automatic reverse");
    case "bulkInsert":
      throw irreversible(op, "inserted rows have no automatic reverse");
    case "batchAlterTable":
      return reverseBatch(op, reverseOps);
    default:
      return assertNever(op, "operation");
  }
}

function irreversible(op: Op, why: string): AthanorError {
  return new AthanorError("MIGRATION", `cannot generate a downgrade for ${op.kind}: ${why}; write the downgrade by hand`, { operation: op.kind });
}

function dropConstraintOf(
  op: { readonly schema: string | null; readonly table: string; readonly kind: string },
  name: string | null,
  type: "unique" | "foreignkey" | "check" | "primary",
  prior: UniqueSnapshot | ForeignKeySnapshot | CheckSnapshot | PrimaryKeySnapshot,
): Op {
  if (!name) throw irreversible(op as Op, `the ${type} constraint on ${op.table} has no name to drop it by (give it a name or a naming convention)`);
  return { kind: "dropConstraint", schema: op.schema, table: op.table, name, type, prior };
}

function recreateConstraint(op: Extract<Op, { kind: "dropConstraint" }>): Op {
  const ref = { schema: op.schema, table: op.table };
  if (!op.prior) throw irreversible(op, `constraint ${op.name} was dropped without its definition`);
  const prior = { ...op.prior, name: op.name };
  switch (op.type) {
    case "unique":
      return { kind: "createUniqueConstraint", ...ref, unique: prior as UniqueSnapshot };
    case "foreignkey":
      return { kind: "createForeignKey", ...ref, foreignKey: prior as ForeignKeySnapshot };
    case "check":
      return { kind: "createCheckConstraint", ...ref, check: prior as CheckSnapshot };
    case "primary":
      return { kind: "createPrimaryKey", ...ref, primaryKey: prior as PrimaryKeySnapshot };
    default:
      return assertNever(op.type, "constraint type");
  }
}

function reverseAlter(op: Extract<Op, { kind: "alterColumn" }>): Op {
  const c = op.changes;
  const e = op.existing;
  const back: { -readonly [K in keyof ColumnChanges]: ColumnChanges[K] } = {};
  if (c.type !== undefined) back.type = e.type;
  if (c.nullable !== undefined) back.nullable = e.nullable;
  if (c.default !== undefined) back.default = e.default;
  if (c.comment !== undefined) back.comment = e.comment;
  if (c.autoincrement !== undefined) back.autoincrement = e.autoincrement;
  if (c.newName !== undefined) back.newName = e.name;
  const after: ColumnSnapshot = applyChanges(e, c);
  return { kind: "alterColumn", schema: op.schema, table: op.table, column: after.name, changes: back, existing: after };
}

/** The column as it is after `changes` apply to it. */
export function applyChanges(column: ColumnSnapshot, c: ColumnChanges): ColumnSnapshot {
  return {
    name: c.newName ?? column.name,
    type: c.type ?? column.type,
    nullable: c.nullable ?? column.nullable,
    default: c.default !== undefined ? c.default : column.default,
    autoincrement: c.autoincrement ?? column.autoincrement,
    comment: c.comment !== undefined ? c.comment : column.comment,
  };
}

/** The enum's values once addEnumValue has put its value in place. */
export function withEnumValue(op: Extract<Op, { kind: "addEnumValue" }>): string[] {
  const values = [...op.enum.values];
  const at = op.before ? values.indexOf(op.before) : op.after ? values.indexOf(op.after) + 1 : -1;
  if (at < 0 || (op.after && at === 0)) values.push(op.value);
  else values.splice(at, 0, op.value);
  return values;
}

/** Reverse a whole upgrade: reversed ops in reverse order. */
export function reverseOps(ops: readonly Op[]): Op[] {
  return ops.map(reverseOp).reverse();
}
