import type { NamingConvention } from "./naming.js";
import type { TableDef } from "./table-definition.js";

/** What compiling one table needs to know about the rest of the models. */
export interface Context {
  readonly tables: readonly TableDef[];
  /** A declared table by its schema (normalized) and name; null when there is none. */
  readonly findTable: (schema: string | null, name: string) => TableDef | null;
  readonly convention: NamingConvention;
  readonly metadataSchema: string | null;
  readonly normalize: (schema: string | null) => string | null;
}

/** Orders by name with unnamed entries last, then by content so the order never depends on declaration. */
export function byName<T extends { readonly name: string | null }>(a: T, b: T): number {
  if (a.name !== b.name) {
    if (a.name === null) return 1;
    if (b.name === null) return -1;
    return a.name < b.name ? -1 : 1;
  }
  const ka = JSON.stringify(a);
  const kb = JSON.stringify(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

export function bySchemaAndName(a: { schema: string | null; name: string }, b: { schema: string | null; name: string }): number {
  if (a.schema !== b.schema) {
    if (a.schema === null) return -1;
    if (b.schema === null) return 1;
    return a.schema < b.schema ? -1 : 1;
  }
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}
