import type { CompareHook } from "../autogenerate/context.js";

/** An object autogenerate is about to compare; includeObject can filter it out. */
export interface IncludeObjectInfo {
  readonly type: "table" | "column" | "index" | "unique" | "foreignKey" | "check";
  readonly name: string;
  readonly schema: string | null;
  /** The table an object other than a table belongs to. */
  readonly table: string | null;
  /** Where it was found: in the models or reflected from the database. */
  readonly source: "model" | "database";
}

/** What a user writes in athanor.config.ts. */
export interface AthanorConfig {
  url?: string;
  /** Folder holding script.ts.tmpl and versions/, relative to the config file. */
  scriptLocation?: string;
  /** Module exporting `metadata` (or a default export), relative to the config file. */
  models?: string;
  versionTable?: string;
  versionTableSchema?: string | null;
  /** Extra folders of revision files, besides <scriptLocation>/versions. */
  versionLocations?: string[];
  compareType?: boolean | CompareHook;
  compareServerDefault?: boolean | CompareHook;
  /** Reflect every schema the models name (PostgreSQL), not only the default one. */
  includeSchemas?: boolean;
  includeObject?: (obj: IncludeObjectInfo) => boolean;
  transactionPerMigration?: boolean;
  /** Shell commands run on each written revision file, the path appended: ["prettier --write"]. */
  postWriteHooks?: string[];
}

export function defineConfig(config: AthanorConfig): AthanorConfig {
  return config;
}
