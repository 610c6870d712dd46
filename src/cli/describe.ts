import type { Op } from "../operations/types.js";
import { qualifiedName } from "../snapshot/types.js";

/** One readable line per op, for check and revision summaries. */
export function describeOp(op: Op): string {
  const t = (ref: { schema: string | null; table: string }) => qualifiedName({ schema: ref.schema, name: ref.table });
  switch (op.kind) {
    case "createTable": return `+ table ${qualifiedName(op.table)}`;
    case "dropTable": return `- table ${qualifiedName(op.table)}`;
    case "renameTable": return `~ table ${op.from} renamed to ${op.to}`;
    case "addColumn": return `+ column ${t(op)}.${op.column.name}`;
    case "dropColumn": return `- column ${t(op)}.${op.column.name}`;
    case "alterColumn": return `~ column ${t(op)}.${op.column} (${Object.keys(op.changes).join(", ")})`;
    case "createIndex": return `+ index ${op.index.name} on ${t(op)}`;
    case "dropIndex": return `- index ${op.index.name} on ${t(op)}`;
    case "createUniqueConstraint": return `+ unique ${op.unique.name ?? ""} on ${t(op)} (${op.unique.columns.join(", ")})`;
    case "createForeignKey": return `+ foreign key ${op.foreignKey.name ?? ""} on ${t(op)} → ${op.foreignKey.referredTable}`;
    case "createCheckConstraint": return `+ check ${op.check.name ?? ""} on ${t(op)}`;
    case "createPrimaryKey": return `+ primary key on ${t(op)} (${op.primaryKey.columns.join(", ")})`;
    case "dropConstraint": return `- ${op.type} constraint ${op.name} on ${t(op)}`;
    case "createTableComment": return `~ comment on ${t(op)}`;
    case "dropTableComment": return `- comment on ${t(op)}`;
    case "createEnum": return `+ enum ${op.enum.name}`;
    case "dropEnum": return `- enum ${op.enum.name}`;
    case "addEnumValue": return `~ enum ${op.enum.name} gains '${op.value}'`;
    case "replaceEnum": return `~ enum ${op.enum.name} rewritten as (${op.enum.values.map((v) => `'${v}'`).join(", ")})`;
    case "execute": return `! execute SQL`;
    case "bulkInsert": return `+ ${op.rows.length} rows into ${t(op)}`;
    case "batchAlterTable": return [`~ table ${t(op)} in one batch:`, ...op.ops.map((o) => `    ${describeOp(o)}`)].join("\n");
  }
}
