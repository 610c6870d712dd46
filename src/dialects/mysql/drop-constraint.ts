/**
 * dropConstraint for MySQL, where every key is an index. Dropping a foreign key leaves behind
 * the index InnoDB created for it; that index is dropped too, so that the database returns to
 * the state before createForeignKey (which will create it again).
 */
import type { CompileContext } from "../dialect.js";
import type { OpOf } from "../../operations/types.js";
import { assertNever } from "../../operations/types.js";
import { tableName } from "./clauses.js";
import { isGeneratedForeignKeyName } from "./reflect-keys.js";
import { quoteIdentifier as q } from "./sql-text.js";

function startsWith(columns: readonly unknown[], prefix: readonly string[]): boolean {
  return prefix.length <= columns.length && prefix.every((c, i) => columns[i] === c);
}

/**
 * The name of the index InnoDB made for this foreign key, when it exists and serves nothing else.
 * Reflection hides that index, so its existence is inferred: InnoDB creates it only when no
 * other index starts with the key's columns, and drops it when such an index appears later.
 */
async function implicitIndexOf(op: OpOf<"dropConstraint">, ctx: CompileContext): Promise<string | null> {
  if (ctx.offline) return null;
  const table = await ctx.reflectTable({ schema: op.schema, table: op.table });
  const fk = table?.foreignKeys.find((f) => f.name === op.name);
  if (!table || !fk || fk.name === null) return null;
  const name = isGeneratedForeignKeyName(fk.name) ? fk.columns[0]! : fk.name;
  const visible = [
    ...(table.primaryKey ? [{ name: "PRIMARY", columns: table.primaryKey.columns }] : []),
    ...table.uniques.map((u) => ({ name: u.name, columns: u.columns })),
    ...table.indexes.map((i) => ({ name: i.name, columns: i.columns })),
  ];
  if (visible.some((i) => i.name === name || startsWith(i.columns, fk.columns))) return null;
  const servesOther = table.foreignKeys.some((f) => f !== fk && startsWith(fk.columns, f.columns));
  return servesOther ? null : name;
}

export async function compileDropConstraint(op: OpOf<"dropConstraint">, ctx: CompileContext): Promise<string[]> {
  const table = tableName(op.schema, op.table);
  switch (op.type) {
    case "unique": return [`ALTER TABLE ${table} DROP INDEX ${q(op.name)}`];
    case "check": return [`ALTER TABLE ${table} DROP CONSTRAINT ${q(op.name)}`];
    // The server ignores primary key names: there is only one, called PRIMARY.
    case "primary": return [`ALTER TABLE ${table} DROP PRIMARY KEY`];
    case "foreignkey": {
      const index = await implicitIndexOf(op, ctx);
      const drop = `ALTER TABLE ${table} DROP FOREIGN KEY ${q(op.name)}`;
      return index === null ? [drop] : [drop, `ALTER TABLE ${table} DROP INDEX ${q(index)}`];
    }
    default: return assertNever(op.type, "constraint type");
  }
}
