import type { EnumSnapshot } from "../snapshot/types.js";
import { bySchemaAndName } from "./compile-context.js";
import type { Context } from "./compile-context.js";
import { modelsError } from "./errors.js";
import { tableLabel } from "./table-definition.js";
import type { TableDef } from "./table-definition.js";

/** Named enum types, once per (schema, name); one name with two lists of values is a mistake. */
export function enums(defs: readonly TableDef[], ctx: Context): EnumSnapshot[] {
  const found = new Map<string, { readonly snapshot: EnumSnapshot; readonly where: string }>();
  for (const def of defs) {
    for (const c of def.columns) {
      if (c.def.type.kind !== "enum") continue;
      const schema = ctx.normalize(c.def.typeSchema ?? def.schema);
      const snapshot: EnumSnapshot = { schema, name: c.def.type.name, values: [...c.def.type.values] };
      const key = JSON.stringify([schema, snapshot.name]);
      const where = `${tableLabel(def)}.${c.name}`;
      const earlier = found.get(key);
      if (!earlier) {
        found.set(key, { snapshot, where });
      } else if (JSON.stringify(earlier.snapshot.values) !== JSON.stringify(snapshot.values)) {
        throw modelsError(
          `enum "${tableLabel(snapshot)}" has values [${earlier.snapshot.values.join(", ")}] on ${earlier.where} ` +
            `but [${snapshot.values.join(", ")}] on ${where}; one type name needs one list of values`,
        );
      }
    }
  }
  return [...found.values()].map((e) => e.snapshot).sort(bySchemaAndName);
}
