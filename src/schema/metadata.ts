import { METADATA_BRAND, hasBrand } from "./brands.js";
import { requireName } from "./column.js";
import { modelsError } from "./errors.js";
import { validateNamingConvention } from "./naming.js";
import type { NamingConvention } from "./naming.js";
import { tableDefinition } from "./table-definition.js";
import type { AnyTable } from "./table-definition.js";

export interface MetaDataOptions {
  readonly namingConvention?: NamingConvention;
  /** Schema for tables that do not name one. */
  readonly schema?: string | null;
}

/** The collection of tables a models module declares, in declaration order. */
export class MetaData {
  readonly [METADATA_BRAND] = true as const;
  readonly namingConvention: NamingConvention;
  readonly schema: string | null;
  readonly #tables: AnyTable[] = [];
  /** Schema and name of each table, so a clash is found without scanning (models have thousands of tables). */
  readonly #names = new Set<string>();

  constructor(options: MetaDataOptions = {}) {
    if (typeof options !== "object" || options === null) throw modelsError("new MetaData() options must be an object");
    this.namingConvention = validateNamingConvention(options.namingConvention);
    this.schema = options.schema === undefined || options.schema === null ? null : requireName(options.schema, "MetaData schema");
  }

  get tables(): readonly AnyTable[] {
    return Object.freeze([...this.#tables]);
  }

  /** Registers a table; `table()` calls this. A second table with the same schema and name is refused. */
  addTable(table: AnyTable): void {
    const def = tableDefinition(table);
    const key = `${def.schema ?? ""}\u0000${def.name}`;
    if (this.#names.has(key)) {
      const qualified = def.schema === null ? def.name : `${def.schema}.${def.name}`;
      throw modelsError(`table "${qualified}" is already defined in this MetaData`);
    }
    this.#names.add(key);
    this.#tables.push(table);
  }
}

/** Duck check that also recognizes a MetaData made by another copy of this package. */
export function isMetaData(x: unknown): x is MetaData {
  return hasBrand(x, METADATA_BRAND) && Array.isArray((x as { tables?: unknown }).tables);
}
