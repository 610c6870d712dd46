import type { Op } from "../../operations/types.js";
import { qualifiedName } from "../../snapshot/types.js";

/** One op as a change to one object: what is added, dropped or changed. */
export interface Change {
  readonly action: "add" | "drop" | "change";
  /** The object in words: "table tags", "column users.nickname", "enum type status". */
  readonly what: string;
}

/** Words for an op, for the suite's messages ("left table tags behind", "add column users.nickname"). */
export function describeChange(op: Op): Change {
  const t = (ref: { schema: string | null; table: string }) => qualifiedName({ schema: ref.schema, name: ref.table });
  switch (op.kind) {
    case "createTable": return { action: "add", what: `table ${qualifiedName(op.table)}` };
    case "dropTable": return { action: "drop", what: `table ${qualifiedName(op.table)}` };
    case "renameTable": return { action: "change", what: `table ${op.from} (renamed to ${op.to})` };
    case "addColumn": return { action: "add", what: `column ${t(op)}.${op.column.name}` };
    case "dropColumn": return { action: "drop", what: `column ${t(op)}.${op.column.name}` };
    case "alterColumn": return { action: "change", what: `column ${t(op)}.${op.column} (${Object.keys(op.changes).join(", ")})` };
    case "createIndex": return { action: "add", what: `index ${op.index.name} on ${t(op)}` };
    case "dropIndex": return { action: "drop", what: `index ${op.index.name} on ${t(op)}` };
    case "createUniqueConstraint": return { action: "add", what: `unique constraint on ${t(op)} (${op.unique.columns.join(", ")})` };
    case "createForeignKey": return { action: "add", what: `foreign key on ${t(op)} (${op.foreignKey.columns.join(", ")})` };
    case "createCheckConstraint": return { action: "add", what: `check constraint on ${t(op)}` };
    case "createPrimaryKey": return { action: "add", what: `primary key on ${t(op)}` };
    case "dropConstraint": return { action: "drop", what: `${op.type === "foreignkey" ? "foreign key" : op.type} constraint ${op.name} on ${t(op)}` };
    case "createTableComment":
    case "dropTableComment": return { action: "change", what: `comment on ${t(op)}` };
    case "createEnum": return { action: "add", what: `enum type ${qualifiedName(op.enum)}` };
    case "dropEnum": return { action: "drop", what: `enum type ${qualifiedName(op.enum)}` };
    case "addEnumValue":
    case "replaceEnum": return { action: "change", what: `enum type ${qualifiedName(op.enum)}` };
    case "batchAlterTable": return { action: "change", what: `table ${t(op)}` };
    case "execute":
    case "bulkInsert": return { action: "change", what: "data" };
  }
}
