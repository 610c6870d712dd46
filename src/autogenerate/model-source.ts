/**
 * What every part of a rendered models file shares: the names it may import, which of them it
 * uses, and the spelling of literals and sql`…` fragments.
 */
import type { NamingConvention } from "../schema/naming.js";
import { propertyKey } from "./model-identifiers.js";

/** Every name the file may import; table variables never take one of them. */
export const DSL_NAMES = [
  "MetaData", "table", "sql", "integer", "bigint", "smallint", "varchar", "char", "text", "boolean", "real", "double",
  "numeric", "date", "time", "timestamp", "json", "jsonb", "uuid", "blob", "enumType", "raw", "index", "unique", "check",
  "foreignKey", "primaryKey",
] as const;

export type DslName = (typeof DSL_NAMES)[number];

export interface ModelsContext {
  readonly used: Set<DslName>;
  readonly warnings: string[];
  readonly defaultSchema: string | null;
  readonly convention: NamingConvention;
  /** Qualified table names that are part of the file, for foreign keys. */
  readonly tables: ReadonlySet<string>;
  /** Labels given to inline enums, with their values: one label, one list. */
  readonly inlineEnums: Map<string, string>;
}

export function qualified(schema: string | null, name: string): string {
  return schema === null ? name : `${schema}.${name}`;
}

export function literal(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(literal).join(", ")}]`;
  if (v !== null && typeof v === "object") {
    const entries = Object.entries(v).filter(([, x]) => x !== undefined).map(([k, x]) => `${propertyKey(k)}: ${literal(x)}`);
    return entries.length === 0 ? "{}" : `{ ${entries.join(", ")} }`;
  }
  return JSON.stringify(v);
}

/** sql`…` with the text exactly as given: backslashes, backticks and `${` escaped. */
export function sqlFragment(text: string, ctx: ModelsContext): string {
  ctx.used.add("sql");
  return `sql\`${text.replace(/\\/g, "\\\\").replace(/`/g, "\\`").replace(/\$\{/g, "\\${")}\``;
}

export function list(items: readonly string[]): string {
  return `[\n${items.map((i) => `    ${i},`).join("\n")}\n  ]`;
}
