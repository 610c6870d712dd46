import { existsSync } from "node:fs";
import { dirname, isAbsolute, join, resolve } from "node:path";
import type { DatabaseUrl } from "../dialects/dialect.js";
import { AthanorError } from "../errors.js";
import { defaultExport, findUp, ModuleLoader, namedExport } from "../runtime/load-module.js";
import type { AthanorConfig, IncludeObjectInfo } from "./types.js";
import { parseDatabaseUrl } from "./url.js";

export const CONFIG_NAMES = ["athanor.config.ts", "athanor.config.mts", "athanor.config.js", "athanor.config.mjs", "athanor.config.cjs"];

/** A loaded configuration with every path absolute and every default filled in. */
export interface ResolvedConfig {
  readonly configFile: string;
  /** The folder of the config file; relative paths in it resolve from here. */
  readonly root: string;
  /** The database URL, or null when none is configured (offline commands need none). */
  readonly url: DatabaseUrl | null;
  readonly scriptLocation: string;
  readonly versionLocations: readonly string[];
  readonly models: string | null;
  readonly versionTable: string;
  readonly versionTableSchema: string | null;
  readonly compareType: NonNullable<AthanorConfig["compareType"]>;
  readonly compareServerDefault: NonNullable<AthanorConfig["compareServerDefault"]>;
  readonly includeSchemas: boolean;
  readonly includeObject: (obj: IncludeObjectInfo) => boolean;
  readonly transactionPerMigration: boolean;
  readonly postWriteHooks: readonly string[];
  /** Loads user modules (models, revisions) for this run. */
  readonly loader: ModuleLoader;
}

export interface LoadConfigOptions {
  /** -c/--config: an explicit config file. */
  readonly configFile?: string;
  /** --url, which wins over DATABASE_URL and the config's url. */
  readonly url?: string;
  readonly cwd?: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
}

export function findConfigFile(cwd: string): string | null {
  let dir = cwd;
  for (;;) {
    for (const n of CONFIG_NAMES) if (existsSync(join(dir, n))) return join(dir, n);
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

export async function loadConfig(options: LoadConfigOptions = {}): Promise<ResolvedConfig> {
  const cwd = options.cwd ?? process.cwd();
  const env = options.env ?? process.env;
  const file = options.configFile ? resolve(cwd, options.configFile) : findConfigFile(cwd);
  if (!file) {
    throw new AthanorError("CONFIG", `no athanor.config.ts found in ${cwd} or any folder above it: run "athanor init migrations" to create one, or pass -c <file>`);
  }
  if (!existsSync(file)) throw new AthanorError("CONFIG", `config file ${file} does not exist`, { file });
  const loader = new ModuleLoader();
  const mod = await loader.import(file, "config", "CONFIG");
  const raw = (defaultExport(mod) ?? namedExport(mod, "config")) as AthanorConfig | undefined;
  if (!raw || typeof raw !== "object") {
    throw new AthanorError("CONFIG", `config file ${file} must export a configuration object (export default defineConfig({ ... }))`, { file });
  }
  return resolveConfig(raw, file, loader, options.url ?? env.DATABASE_URL);
}

export function resolveConfig(raw: AthanorConfig, file: string, loader: ModuleLoader, urlOverride?: string): ResolvedConfig {
  const root = dirname(file);
  const abs = (p: string) => (isAbsolute(p) ? p : resolve(root, p));
  const urlString = urlOverride || raw.url;
  const url = urlString ? parseDatabaseUrl(urlString) : null;
  const scriptLocation = abs(raw.scriptLocation ?? "migrations");
  return {
    configFile: file,
    root,
    url: url && url.dialect === "sqlite" && url.database !== ":memory:" && url.database && !isAbsolute(url.database)
      ? { ...url, database: resolve(root, url.database) }
      : url,
    scriptLocation,
    versionLocations: [join(scriptLocation, "versions"), ...(raw.versionLocations ?? []).map(abs)],
    models: raw.models ? abs(raw.models) : null,
    versionTable: raw.versionTable ?? "athanor_version",
    versionTableSchema: raw.versionTableSchema ?? null,
    compareType: raw.compareType ?? true,
    compareServerDefault: raw.compareServerDefault ?? true,
    includeSchemas: raw.includeSchemas ?? false,
    includeObject: raw.includeObject ?? (() => true),
    transactionPerMigration: raw.transactionPerMigration ?? true,
    postWriteHooks: raw.postWriteHooks ?? [],
    loader,
  };
}

export { findUp };
