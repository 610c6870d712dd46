import type { IncludeObjectInfo } from "../config/types.js";
import { bookkeepingTables, loadConfig, type LoadConfigOptions, type ResolvedConfig } from "../config/load.js";
import { redactUrl } from "../config/url.js";
import type { Connection, DatabaseUrl, Dialect } from "../dialects/dialect.js";
import { loadDialect } from "../dialects/index.js";
import { AthanorError } from "../errors.js";
import { HistoryTable } from "../runtime/history-table.js";
import { VersionTable } from "../runtime/version-table.js";
import { RevisionGraph, scanRevisionFiles } from "../script/index.js";
import { join } from "node:path";

/** A command's configuration: already loaded, or how to find it. */
export type ConfigInput = ResolvedConfig | LoadConfigOptions | string | undefined;

export async function resolveConfigInput(input: ConfigInput): Promise<ResolvedConfig> {
  if (input === undefined) return loadConfig();
  if (typeof input === "string") return loadConfig({ configFile: input });
  if ("loader" in input && "root" in input) return input;
  return loadConfig(input);
}

export function requireUrl(config: ResolvedConfig): DatabaseUrl {
  if (!config.url) {
    throw new AthanorError("CONFIG", `no database URL: set url in ${config.configFile}, DATABASE_URL, or pass --url`, { file: config.configFile });
  }
  return config.url;
}

export interface Database {
  readonly dialect: Dialect;
  readonly conn: Connection;
  readonly versionTable: VersionTable;
  /** The audit trail of applied steps. */
  readonly history: HistoryTable;
  /** The redacted URL, for messages. */
  readonly display: string;
}

export async function openDatabase(config: ResolvedConfig): Promise<Database> {
  const url = requireUrl(config);
  const dialect = await loadDialect(url.dialect);
  const conn = await dialect.connect(url);
  return {
    dialect, conn, display: redactUrl(url),
    versionTable: new VersionTable(dialect, config.versionTable, config.versionTableSchema),
    history: new HistoryTable(dialect, config.historyTable, config.versionTableSchema),
  };
}

export async function withDatabase<T>(config: ResolvedConfig, fn: (db: Database) => Promise<T>): Promise<T> {
  const db = await openDatabase(config);
  try {
    return await fn(db);
  } finally {
    await db.conn.close();
  }
}

export async function loadGraph(config: ResolvedConfig): Promise<RevisionGraph> {
  const headers = await scanRevisionFiles(config.versionLocations, { cacheFile: join(config.scriptLocation, ".athanor-cache", "headers.json") });
  return new RevisionGraph(headers);
}

/** Tables reflection skips: the version and history tables, and whatever includeObject filters out. */
export function tableExcluder(config: ResolvedConfig): (schema: string | null, name: string) => boolean {
  return (schema, name) => {
    const own = bookkeepingTables(config);
    if (own.names.includes(name) && (schema ?? null) === (own.schema ?? null)) return true;
    const info: IncludeObjectInfo = { type: "table", name, schema, table: null, source: "database" };
    return !config.includeObject(info);
  };
}
