import { compareSchemas } from "../autogenerate/compare.js";
import type { RenameHints } from "../autogenerate/context.js";
import type { ResolvedConfig } from "../config/load.js";
import type { IncludeObjectInfo } from "../config/types.js";
import { AthanorError } from "../errors.js";
import { defaultExport, namedExport } from "../runtime/load-module.js";
import type { Op } from "../operations/types.js";
import { compileMetadata, isMetaData, renameHints, type MetaData } from "../schema/index.js";
import type { SchemaSnapshot, TableSnapshot } from "../snapshot/types.js";
import { tableExcluder, type Database } from "./context.js";

export interface ModelDiff {
  readonly ops: readonly Op[];
  readonly warnings: readonly string[];
  readonly model: SchemaSnapshot;
  readonly database: SchemaSnapshot;
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

/** Apply includeObject to everything inside the tables of one side. */
function filterSnapshot(snap: SchemaSnapshot, include: ResolvedConfig["includeObject"], source: IncludeObjectInfo["source"]): SchemaSnapshot {
  const keep = (type: IncludeObjectInfo["type"], name: string | null, t: TableSnapshot) =>
    name === null || include({ type, name, schema: t.schema, table: t.name, source });
  const tables = snap.tables
    .filter((t) => include({ type: "table", name: t.name, schema: t.schema, table: null, source }))
    .map((t) => ({
      ...t,
      columns: t.columns.filter((c) => keep("column", c.name, t)),
      indexes: t.indexes.filter((i) => keep("index", i.name, t)),
      uniques: t.uniques.filter((u) => keep("unique", u.name, t)),
      foreignKeys: t.foreignKeys.filter((f) => keep("foreignKey", f.name, t)),
      checks: t.checks.filter((c) => keep("check", c.name, t)),
    }));
  return { ...snap, tables };
}

/** Compare the models with the live database: the heart of autogenerate, check and diff. */
export async function diffModels(config: ResolvedConfig, db: Database, extraRenames: readonly string[] = []): Promise<ModelDiff> {
  const md = await loadMetadata(config);
  const compiled = compileMetadata(md, { defaultSchema: db.dialect.defaultSchema });
  const schemas: (string | null)[] = [null];
  if (config.includeSchemas) {
    for (const t of compiled.tables) if (t.schema !== null && !schemas.includes(t.schema)) schemas.push(t.schema);
  }
  const reflected = await db.dialect.introspect(db.conn, { schemas, excludeTable: tableExcluder(config) });
  const model = filterSnapshot({
    ...compiled,
    tables: compiled.tables.filter((t) => schemas.includes(t.schema)),
  }, config.includeObject, "model");
  const database = filterSnapshot(reflected, config.includeObject, "database");
  const result = compareSchemas(model, database, db.dialect, {
    compareType: config.compareType,
    compareServerDefault: config.compareServerDefault,
    renames: mergeHints(renameHints(md, { defaultSchema: db.dialect.defaultSchema }), parseRenameFlags(extraRenames)),
  });
  return { ops: result.ops, warnings: result.warnings, model, database };
}
