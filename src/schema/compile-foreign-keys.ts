import type { ForeignKeySnapshot } from "../snapshot/types.js";
import { isColumnRef } from "./column.js";
import type { ColumnReferenceDef, ColumnRef } from "./column.js";
import { byName } from "./compile-context.js";
import type { Context } from "./compile-context.js";
import { modelsError } from "./errors.js";
import { conventionName } from "./naming.js";
import { tableLabel } from "./table-definition.js";
import type { TableDef } from "./table-definition.js";

interface ReferredTarget {
  readonly schema: string | null;
  readonly table: string;
  readonly columns: readonly string[];
}

/** Finds the referred table among the models and checks its columns, so a typo fails here and not in the database. */
function resolveReferred(target: ReferredTarget, ctx: Context, what: string): ReferredTarget {
  const found = ctx.findTable(target.schema, target.table);
  const label = tableLabel({ schema: target.schema, name: target.table });
  if (!found) {
    throw modelsError(`${what} refers to table "${label}", which is not declared in this MetaData`);
  }
  const names = found.columns.map((c) => c.name);
  for (const column of target.columns) {
    if (!names.includes(column)) {
      throw modelsError(`${what} refers to unknown column "${label}.${column}" (columns: ${names.join(", ")})`);
    }
  }
  return { ...target, schema: found.schema };
}

function columnReferenceTarget(reference: ColumnReferenceDef, ctx: Context, what: string): ReferredTarget {
  const target = reference.target;
  if (typeof target === "function") {
    const ref: unknown = target();
    if (!isColumnRef(ref)) throw modelsError(`${what}: the function must return a column of a table, as in () => users.id`);
    const column = ref as ColumnRef;
    return resolveReferred({ schema: column.schema, table: column.table, columns: [column.name] }, ctx, what);
  }
  // Like SQLAlchemy, an unqualified "table.col" lives in the metadata's schema.
  const schema = target.schema ?? ctx.metadataSchema;
  return resolveReferred({ schema, table: target.table, columns: [target.column] }, ctx, what);
}

export function foreignKeys(def: TableDef, ctx: Context): ForeignKeySnapshot[] {
  const label = tableLabel(def);
  const build = (
    explicitName: string | null, columns: readonly string[], referred: ReferredTarget,
    actions: { onDelete: ForeignKeySnapshot["onDelete"]; onUpdate: ForeignKeySnapshot["onUpdate"] },
  ): ForeignKeySnapshot => ({
    name: conventionName("fk", explicitName, ctx.convention, {
      table: def.name, columns, referredTable: referred.table, referredColumns: referred.columns,
    }),
    columns: [...columns],
    referredSchema: ctx.normalize(referred.schema),
    referredTable: referred.table,
    referredColumns: [...referred.columns],
    onDelete: actions.onDelete,
    onUpdate: actions.onUpdate,
  });
  const fromColumns = def.columns.flatMap((c) => {
    const reference = c.def.references;
    if (!reference) return [];
    const referred = columnReferenceTarget(reference, ctx, `column "${label}.${c.name}"`);
    return [build(reference.name, [c.name], referred, reference)];
  });
  const fromOptions = def.foreignKeys.map((fk) => {
    const what = `table "${label}": foreign key ${fk.name === null ? "on " + fk.columns.join(", ") : `"${fk.name}"`}`;
    const referred = resolveReferred(
      { schema: fk.referred.schema ?? ctx.metadataSchema, table: fk.referred.table, columns: fk.referredColumns }, ctx, what,
    );
    return build(fk.name, fk.columns, referred, fk);
  });
  return [...fromColumns, ...fromOptions].sort(byName);
}
