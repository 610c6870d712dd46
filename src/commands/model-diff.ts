import { statSync } from "node:fs";
import { compareSchemas } from "../autogenerate/compare.js";
import type { CompareHook, RenameHints } from "../autogenerate/context.js";
import { resolveRenames, type RenameResolver } from "../autogenerate/renames.js";
import type { ResolvedConfig } from "../config/load.js";
import type { IncludeNameInfo, IncludeObjectInfo } from "../config/types.js";
import type { Connection, Dialect } from "../dialects/dialect.js";
import { AthanorError } from "../errors.js";
import { defaultExport, namedExport } from "../runtime/load-module.js";
import type { Op } from "../operations/types.js";
import { isMetaData, type MetaData } from "../schema/index.js";
import type { ForeignKeySnapshot, SchemaSnapshot, TableSnapshot } from "../snapshot/types.js";
import { metadataSource, type CompiledModels, type ModelsSource } from "./compiled-models.js";
import { tableExcluder } from "./context.js";
import { ModelsAhead } from "./models-ahead.js";

export interface ModelDiff {
  readonly ops: readonly Op[];
  readonly warnings: readonly string[];
  /** Both sides as compared: filtered by includeName / includeObject. */
  readonly model: SchemaSnapshot;
  readonly database: SchemaSnapshot;
}

/** How to compare: the config's autogenerate options, plus rename policy. */
export interface DiffOptions {
  readonly compareType?: boolean | CompareHook;
  readonly compareServerDefault?: boolean | CompareHook;
  /** Reflect every schema the models name, not only the default one. */
  readonly includeSchemas?: boolean;
  readonly includeObject?: (obj: IncludeObjectInfo) => boolean;
  readonly includeName?: (info: IncludeNameInfo) => boolean;
  /** Tables that are the tool's own (the version table): never reflected, never compared. */
  readonly ownTable?: (schema: string | null, name: string) => boolean;
  /** Rename hints beyond the models' renamedFrom markers (from --rename). */
  readonly renames?: RenameHints;
  /** Asked about each rename candidate no hint settles; without it, candidates become drop + add and a warning. */
  readonly resolveRename?: RenameResolver;
}

/** What a comparison needs of a database: its dialect and an open connection. */
export interface DiffTarget {
  readonly dialect: Dialect;
  readonly conn: Connection;
}

export async function loadMetadata(config: ResolvedConfig): Promise<MetaData> {
  if (!config.models) {
    throw new AthanorError("CONFIG", `no models module configured: set models: "./models.ts" in ${config.configFile}`, { file: config.configFile });
  }
  const mod = await config.loader.import(config.models, "models", "MODELS");
  const md = namedExport(mod, "metadata") ?? defaultExport(mod);
  if (!isMetaData(md)) {
    throw new AthanorError("MODELS", `models file ${config.models} must export \`metadata\` (a MetaData) or a default export of one`, { file: config.models });
  }
  return md;
}

/** Extra rename hints from the command line: "table.old=new" for columns, "old=new" for tables. */
export function parseRenameFlags(flags: readonly string[]): RenameHints {
  const tables = new Map<string, string>();
  const columns = new Map<string, string>();
  for (const f of flags) {
    const m = /^([^=]+)=([^=]+)$/.exec(f);
    if (!m) throw new AthanorError("USAGE", `--rename "${f}": expected table.old=new (a column) or old=new (a table)`);
    const left = m[1]!.trim();
    const right = m[2]!.trim();
    const dot = left.lastIndexOf(".");
    if (dot < 0) tables.set(right, left);
    else columns.set(`${left.slice(0, dot)}.${right}`, left.slice(dot + 1));
  }
  return { tables, columns };
}

function mergeHints(a: RenameHints, b: RenameHints): RenameHints {
  return { tables: new Map([...a.tables, ...b.tables]), columns: new Map([...a.columns, ...b.columns]) };
}

type Source = IncludeObjectInfo["source"];

/** Both filters, for one side. A table either filter refuses is out, along with every key pointing at it. */
function makeFilter(options: DiffOptions, source: Source) {
  const includeName = options.includeName ?? (() => true);
  const includeObject = options.includeObject ?? (() => true);
  const table = (schema: string | null, name: string): boolean =>
    includeName({ type: "table", name, schema, table: null }) &&
    includeObject({ type: "table", name, schema, table: null, source });
  const inner = (type: IncludeObjectInfo["type"], name: string | null, t: TableSnapshot): boolean =>
    name === null || (
      includeName({ type, name, schema: t.schema, table: t.name }) &&
      includeObject({ type, name, schema: t.schema, table: t.name, source }));
  return { table, inner };
}

/**
 * Applies includeName and includeObject to everything inside one side's tables. A foreign key
 * to a table that is filtered out (or that is the tool's own) is out of scope too: comparing
 * it would mean comparing half of a relation.
 */
export function filterSnapshot(snap: SchemaSnapshot, options: DiffOptions, source: Source): SchemaSnapshot {
  const f = makeFilter(options, source);
  const own = options.ownTable ?? (() => false);
  const referredKept = (t: TableSnapshot, fk: ForeignKeySnapshot): boolean => {
    const schema = fk.referredSchema ?? t.schema;
    return f.table(schema, fk.referredTable) && !own(schema, fk.referredTable);
  };
  const tables = snap.tables
    .filter((t) => f.table(t.schema, t.name) && !own(t.schema, t.name))
    .map((t) => ({
      ...t,
      columns: t.columns.filter((c) => f.inner("column", c.name, t)),
      indexes: t.indexes.filter((i) => f.inner("index", i.name, t)),
      uniques: t.uniques.filter((u) => f.inner("unique", u.name, t)),
      foreignKeys: t.foreignKeys.filter((k) => f.inner("foreignKey", k.name, t) && referredKept(t, k)),
      checks: t.checks.filter((c) => f.inner("check", c.name, t)),
    }));
  return { ...snap, tables };
}

/**
 * Compare models with a live database: compile the models, reflect only what the filters let
 * through, settle renames (hints first, then the resolver), and diff. The heart of
 * autogenerate, check and diff; tests call it with a MetaData of their own.
 */
export function diffMetadata(md: MetaData, db: DiffTarget, options: DiffOptions = {}): Promise<ModelDiff> {
  return diffModelsFrom(metadataSource(md), db, options);
}

/** The configured models, loaded and compiled on the calling thread when asked for. */
export function inlineModels(config: ResolvedConfig): ModelsSource {
  return metadataSource(() => loadMetadata(config));
}

/**
 * Below this size a worker costs more than it saves: starting it and loading the package
 * again there takes longer than the models themselves (measured: 40 ms lost at 100 tables,
 * 70–140 ms won at 1,000).
 */
const WORKER_MIN_BUNDLE_BYTES = 256 * 1024;

/**
 * The configured models, compiled in a worker thread (started now, while the caller goes on to
 * reflect the database) when the config allows it (the CLI) and the models are large enough
 * to gain from it; else compiled on the calling thread when asked for.
 */
export async function modelsOf(config: ResolvedConfig): Promise<ModelsSource> {
  const inline = inlineModels(config);
  if (!config.modelsInWorker || !config.models) return inline;
  const bundle = await config.loader.compiled(config.models);
  return bundle && statSync(bundle).size >= WORKER_MIN_BUNDLE_BYTES ? new ModelsAhead(bundle, inline) : inline;
}

/**
 * diffMetadata from any source of models. The database is reflected while the models load
 * and compile (unless the schemas to reflect depend on the models), so a server works on its
 * catalog queries, and a worker on the models, at the same time.
 */
export async function diffModelsFrom(models: ModelsSource, db: DiffTarget, options: DiffOptions = {}): Promise<ModelDiff> {
  const defaultSchema = db.dialect.defaultSchema ?? (await db.dialect.currentSchema?.(db.conn)) ?? null;
  const compiling = models.compile(defaultSchema);
  compiling.catch(() => undefined); // awaited below; not an unhandled rejection meanwhile
  const includeName = options.includeName ?? (() => true);
  const reflectFilter = makeFilter(options, "database");
  const own = options.ownTable ?? (() => false);
  const reflect = (schemas: readonly (string | null)[]) => db.dialect.introspect(db.conn, {
    schemas,
    excludeTable: (schema, name) => own(schema, name) || !reflectFilter.table(schema, name),
  });
  const schemas: (string | null)[] = [null];
  let reflected: SchemaSnapshot;
  let compiled: CompiledModels;
  if (options.includeSchemas) {
    compiled = await compiling;
    for (const t of compiled.snapshot.tables) {
      if (t.schema !== null && !schemas.includes(t.schema) && includeName({ type: "schema", name: t.schema, schema: null, table: null })) {
        schemas.push(t.schema);
      }
    }
    reflected = await reflect(schemas);
  } else {
    reflected = await reflect(schemas);
    compiled = await compiling;
  }
  const model = filterSnapshot({
    tables: compiled.snapshot.tables.filter((t) => schemas.includes(t.schema)),
    enums: compiled.snapshot.enums.filter((e) => schemas.includes(e.schema)),
  }, options, "model");
  const database = filterSnapshot(reflected, options, "database");
  let renames = mergeHints(compiled.renames, options.renames ?? { tables: new Map(), columns: new Map() });
  if (options.resolveRename) renames = await resolveRenames(model, database, db.dialect, renames, options.resolveRename);
  const result = compareSchemas(model, database, db.dialect, {
    compareType: options.compareType,
    compareServerDefault: options.compareServerDefault,
    renames,
  });
  return { ops: result.ops, warnings: result.warnings, model, database };
}

/** The comparison options a configuration sets. */
export function diffOptionsOf(config: ResolvedConfig): DiffOptions {
  const versionTable = tableExcluder({ ...config, includeObject: () => true });
  return {
    compareType: config.compareType,
    compareServerDefault: config.compareServerDefault,
    includeSchemas: config.includeSchemas,
    includeObject: config.includeObject,
    includeName: config.includeName,
    ownTable: versionTable,
  };
}

/** Compare the configured models with the live database. */
export function diffModels(
  config: ResolvedConfig, db: DiffTarget, extraRenames: readonly string[] = [], resolveRename?: RenameResolver,
  models: ModelsSource = inlineModels(config),
): Promise<ModelDiff> {
  return diffModelsFrom(models, db, { ...diffOptionsOf(config), renames: parseRenameFlags(extraRenames), resolveRename });
}
