import { qualifiedName } from "../snapshot/types.js";
import type { CompileOptions } from "./compile.js";
import { modelsError } from "./errors.js";
import { isMetaData } from "./metadata.js";
import type { MetaData } from "./metadata.js";
import { tableDefinition } from "./table-definition.js";

export interface RenameHints {
  /** Qualified new table name (as in the snapshot) → old table name. */
  readonly tables: ReadonlyMap<string, string>;
  /** "<table>.<new column>" (table name unqualified, as compare looks it up) → old column name. */
  readonly columns: ReadonlyMap<string, string>;
}

/** The renamedFrom hints of tables and columns, keyed the way compileMetadata names them. */
export function renameHints(metadata: MetaData, options: CompileOptions = {}): RenameHints {
  if (!isMetaData(metadata)) throw modelsError("renameHints() expects a MetaData");
  const defaultSchema = options.defaultSchema ?? null;
  const tables = new Map<string, string>();
  const columns = new Map<string, string>();
  const claimed = new Map<string, string>();
  for (const def of metadata.tables.map(tableDefinition)) {
    const schema = def.schema !== null && def.schema === defaultSchema ? null : def.schema;
    const qualified = qualifiedName({ schema, name: def.name });
    if (def.renamedFrom !== null) {
      const old = qualifiedName({ schema, name: def.renamedFrom });
      const other = claimed.get(old);
      if (other !== undefined) throw modelsError(`tables "${other}" and "${qualified}" both claim to be renamed from "${old}"`);
      claimed.set(old, qualified);
      tables.set(qualified, def.renamedFrom);
    }
    for (const c of def.columns) {
      if (c.def.renamedFrom !== null) columns.set(`${def.name}.${c.name}`, c.def.renamedFrom);
    }
  }
  return { tables, columns };
}
