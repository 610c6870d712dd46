/**
 * `athanor pull`: reflect the live database and write a models file that, loaded back,
 * compares equal to it. Only what autogenerate manages is written; views, triggers, functions
 * and the like stay in the database, untouched and unmentioned by the models.
 */
import { execSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { renderModels } from "../autogenerate/render-models.js";
import { findConfigFile, resolveConfig, type LoadConfigOptions, type ResolvedConfig } from "../config/load.js";
import { AthanorError, messageOf } from "../errors.js";
import { ModuleLoader } from "../runtime/load-module.js";
import { writeFileAtomic } from "../script/index.js";
import { resolveConfigInput, tableExcluder, withDatabase, type ConfigInput } from "./context.js";
import { diffOptionsOf, filterSnapshot } from "./model-diff.js";

export interface PullOptions {
  /** The file to write (relative to `cwd`); default: the config's models file, else models.ts. */
  readonly out?: string;
  /** Replace an existing file. */
  readonly force?: boolean;
  /** Schemas to pull besides the default one (PostgreSQL). */
  readonly schemas?: readonly string[];
  /** The module the models import the DSL from (default "athanor"). */
  readonly importFrom?: string;
  readonly cwd?: string;
}

export interface PullResult {
  readonly path: string;
  readonly source: string;
  readonly tables: number;
  /** What the models leave out or cannot say (foreign keys to tables not pulled, unused enums…). */
  readonly warnings: readonly string[];
}

/**
 * Pull needs a database, not a project: with --url and no config file anywhere, it runs on
 * defaults, so a models file can be the first thing a project has.
 */
async function pullConfig(input: ConfigInput, cwd: string): Promise<ResolvedConfig> {
  const bare = input !== undefined && typeof input === "object" && !("loader" in input) ? (input as LoadConfigOptions) : null;
  if (bare?.url && !bare.configFile && findConfigFile(bare.cwd ?? cwd) === null) {
    return resolveConfig({ url: bare.url }, join(bare.cwd ?? cwd, "athanor.config.ts"), new ModuleLoader());
  }
  return resolveConfigInput(input);
}

/** The config's postWriteHooks (a formatter, say) run on the models file as on revision files. */
function runPostWriteHooks(config: ResolvedConfig, path: string): void {
  for (const hook of config.postWriteHooks) {
    try {
      execSync(`${hook} ${JSON.stringify(path)}`, { cwd: config.root, stdio: "pipe" });
    } catch (e) {
      throw new AthanorError("CONFIG", `post-write hook "${hook}" failed on ${path}: ${messageOf(e)}`, { file: path, cause: e });
    }
  }
}

export async function pull(input: ConfigInput, options: PullOptions = {}): Promise<PullResult> {
  const cwd = options.cwd ?? process.cwd();
  const config = await pullConfig(input, cwd);
  const path = options.out !== undefined ? resolve(cwd, options.out) : config.models ?? join(cwd, "models.ts");
  if (!options.force && existsSync(path)) {
    throw new AthanorError("USAGE", `${path} already exists: pass --force to overwrite it, or --out to write elsewhere`, { file: path });
  }
  const schemas = [...new Set(options.schemas ?? [])];
  const { snapshot, defaultSchema, display } = await withDatabase(config, async (db) => {
    const excluded = tableExcluder(config);
    const reflected = await db.dialect.introspect(db.conn, {
      schemas: [null, ...schemas.filter((s) => s !== db.dialect.defaultSchema)],
      excludeTable: excluded,
    });
    return { snapshot: filterSnapshot(reflected, diffOptionsOf(config), "database"), defaultSchema: db.dialect.defaultSchema, display: db.display };
  });
  const rendered = renderModels(snapshot, {
    defaultSchema,
    importFrom: options.importFrom,
    header: [
      `Models pulled from ${display} by \`athanor pull\`.`,
      "Views, triggers, functions, domains, sequences and partitions are not managed by athanor and are not written here.",
    ],
  });
  const warnings = [...rendered.warnings];
  if (snapshot.tables.some((t) => t.schema !== null) && !config.includeSchemas) {
    warnings.push(`tables outside the default schema were pulled: set includeSchemas: true in the config so that autogenerate compares them`);
  }
  await mkdir(dirname(path), { recursive: true });
  await writeFileAtomic(path, rendered.source, { overwrite: options.force ?? false });
  runPostWriteHooks(config, path);
  return { path, source: rendered.source, tables: snapshot.tables.length, warnings };
}
