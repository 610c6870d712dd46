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

/**
 * A name autogenerate is about to look at, before anything is reflected: a schema (with
 * includeSchemas), a table, or an object inside a table. includeName can filter it out;
 * a table filtered out is never reflected.
 */
export interface IncludeNameInfo {
  readonly type: "schema" | "table" | "column" | "index" | "unique" | "foreignKey" | "check";
  readonly name: string;
  /** The schema the object lives in (null: the default schema); for a schema, null. */
  readonly schema: string | null;
  /** The table an object other than a schema or table belongs to. */
  readonly table: string | null;
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
  /** The audit trail of applied steps, kept in versionTableSchema beside the version table. */
  historyTable?: string;
  /** Seconds upgrade/downgrade/stamp wait for another run's migration lock (default 300). */
  lockTimeout?: number;
  /** Extra folders of revision files, besides <scriptLocation>/versions. */
  versionLocations?: string[];
  compareType?: boolean | CompareHook;
  compareServerDefault?: boolean | CompareHook;
  /** Reflect every schema the models name (PostgreSQL), not only the default one. */
  includeSchemas?: boolean;
  includeObject?: (obj: IncludeObjectInfo) => boolean;
  /** Filters by name alone (schemas, tables, and the objects in them); see IncludeNameInfo. */
  includeName?: (info: IncludeNameInfo) => boolean;
  transactionPerMigration?: boolean;
  /** Shell commands run on each written revision file, the path appended: ["prettier --write"]. */
  postWriteHooks?: string[];
  /**
   * Autogenerate writes each table's alterations inside op.batchAlterTable blocks. Default: on
   * where the database needs it (SQLite's move-and-copy), off elsewhere.
   */
  renderAsBatch?: boolean;
}

export function defineConfig(config: AthanorConfig): AthanorConfig {
  return config;
}
