/**
 * alterColumn for MySQL: a column is changed by restating all of it (MODIFY / CHANGE COLUMN),
 * built from the column as it was plus the changes. Lighter forms are used when they suffice:
 * RENAME COLUMN for a rename alone, ALTER COLUMN SET/DROP DEFAULT for a default alone.
 */
import type { ColumnSnapshot } from "../../snapshot/types.js";
import type { OpOf } from "../../operations/types.js";
import { columnDefinition, tableName } from "./clauses.js";
import { joinOnUpdate, renderDefaultValue, splitOnUpdate } from "./defaults.js";
import { quoteIdentifier as q } from "./sql-text.js";

/**
 * The new default text, keeping the old ON UPDATE clause unless the new text has its own:
 * comparison ignores ON UPDATE, so a default change must not silently drop it.
 */
function mergedDefault(next: string | null, prior: string | null): string | null {
  const n = splitOnUpdate(next);
  if (n.onUpdate !== null) return next;
  return joinOnUpdate({ value: n.value, onUpdate: splitOnUpdate(prior).onUpdate });
}

export function compileAlterColumn(op: OpOf<"alterColumn">): string[] {
  const { changes, existing } = op;
  const table = tableName(op.schema, op.table);
  const changed = (Object.keys(changes) as (keyof typeof changes)[]).filter((k) => changes[k] !== undefined);
  if (changed.length === 0) return [];
  if (changed.length === 1 && changes.newName !== undefined) {
    return [`ALTER TABLE ${table} RENAME COLUMN ${q(op.column)} TO ${q(changes.newName)}`];
  }
  if (changed.length === 1 && changes.default !== undefined && !existing.autoincrement) {
    const next = splitOnUpdate(changes.default);
    if (next.onUpdate === null) {
      return [next.value === null
        ? `ALTER TABLE ${table} ALTER COLUMN ${q(op.column)} DROP DEFAULT`
        : `ALTER TABLE ${table} ALTER COLUMN ${q(op.column)} SET DEFAULT ${renderDefaultValue(next.value, existing.type)}`];
    }
  }
  const column: ColumnSnapshot = {
    name: changes.newName ?? op.column,
    type: changes.type ?? existing.type,
    nullable: changes.nullable ?? existing.nullable,
    default: changes.default !== undefined ? mergedDefault(changes.default, existing.default) : existing.default,
    autoincrement: changes.autoincrement ?? existing.autoincrement,
    comment: changes.comment !== undefined ? changes.comment : existing.comment,
  };
  return changes.newName !== undefined
    ? [`ALTER TABLE ${table} CHANGE COLUMN ${q(op.column)} ${columnDefinition(column)}`]
    : [`ALTER TABLE ${table} MODIFY COLUMN ${columnDefinition(column)}`];
}
