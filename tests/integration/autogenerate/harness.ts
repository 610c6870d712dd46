/**
 * Autogenerate cases against real databases. One scratch database per dialect per test file,
 * emptied between cases. A case sets up the database (raw SQL or ops), declares the model with
 * the real DSL, and compares them exactly as `revision --autogenerate` does (diffMetadata with a
 * config's options). `roundTrip` then renders the ops to revision code, runs them through the
 * runner, checks that a second comparison finds nothing, runs the rendered downgrade and checks
 * that the database reflects exactly as before.
 */
import { afterAll, beforeAll, describe, expect } from "vitest";
import { renderOps } from "../../../src/autogenerate/render.js";
import { resolveConfig } from "../../../src/config/load.js";
import type { AthanorConfig } from "../../../src/config/types.js";
import { diffMetadata, diffOptionsOf, type DiffOptions, type ModelDiff } from "../../../src/commands/model-diff.js";
import type { Connection, Dialect, DialectName } from "../../../src/dialects/dialect.js";
import { groupIntoBatches } from "../../../src/operations/batch.js";
import { reverseOps } from "../../../src/operations/reverse.js";
import type { Op } from "../../../src/operations/types.js";
import { ModuleLoader } from "../../../src/runtime/load-module.js";
import { connectionTarget, runSteps } from "../../../src/runtime/runner.js";
import { VersionTable } from "../../../src/runtime/version-table.js";
import type { MetaData } from "../../../src/schema/index.js";
import { qualifiedName, type SchemaSnapshot } from "../../../src/snapshot/types.js";
import { scratchDatabase, serverAvailable, type Scratch } from "../../support/databases.js";

export interface CaseOptions extends DiffOptions {
  /** Config options, resolved the way athanor.config.ts is (defaults filled in). */
  readonly config?: AthanorConfig;
  /** Schemas besides the default one to reflect when checking that the downgrade restored the database. */
  readonly schemas?: readonly string[];
}

export interface Harness {
  readonly name: DialectName;
  readonly dialect: Dialect;
  readonly conn: Connection;
  /** Empty the database (drop every table, view, type, schema the cases made): call first in each case. */
  reset(): Promise<void>;
  /** Run raw SQL statements, in order. */
  exec(...sql: string[]): Promise<void>;
  /**
   * Render ops as a revision's code and run it through the runner; returns the code. On a
   * dialect that prefers batches (SQLite), ops are grouped as `revision` groups them.
   */
  run(ops: readonly Op[]): Promise<string>;
  reflect(schemas?: readonly (string | null)[]): Promise<SchemaSnapshot>;
  /** The comparison `revision --autogenerate` makes, with a config's options. */
  diff(md: MetaData, options?: CaseOptions): Promise<ModelDiff>;
  /**
   * diff → `expectOps` → upgrade (then nothing left to do) → downgrade (then the database
   * reflects exactly as before). Returns the diff.
   */
  roundTrip(md: MetaData, expectOps: (d: ModelDiff) => void, options?: CaseOptions): Promise<ModelDiff>;
}

/** A one-line picture of an op, for readable expectations. */
export function summarize(op: Op): string {
  const t = (o: { schema: string | null; table: string }) => qualifiedName({ schema: o.schema, name: o.table });
  switch (op.kind) {
    case "createTable": return `createTable ${qualifiedName(op.table)}`;
    case "dropTable": return `dropTable ${qualifiedName(op.table)}`;
    case "renameTable": return `renameTable ${op.from}->${op.to}`;
    case "addColumn": return `addColumn ${t(op)}.${op.column.name}`;
    case "dropColumn": return `dropColumn ${t(op)}.${op.column.name}`;
    case "alterColumn": return `alterColumn ${t(op)}.${op.column} ${Object.keys(op.changes).sort().join(",")}`;
    case "createIndex": return `createIndex ${t(op)}.${op.index.name}`;
    case "dropIndex": return `dropIndex ${t(op)}.${op.index.name}`;
    case "createUniqueConstraint": return `createUnique ${t(op)}.${op.unique.name}`;
    case "createForeignKey": return `createForeignKey ${t(op)}.${op.foreignKey.name}`;
    case "createCheckConstraint": return `createCheck ${t(op)}.${op.check.name}`;
    case "createPrimaryKey": return `createPrimaryKey ${t(op)}.${op.primaryKey.name}`;
    case "dropConstraint": return `drop${op.type[0]!.toUpperCase()}${op.type.slice(1)} ${t(op)}.${op.name}`;
    case "createTableComment": return `createTableComment ${t(op)}`;
    case "dropTableComment": return `dropTableComment ${t(op)}`;
    case "createEnum": return `createEnum ${qualifiedName(op.enum)}`;
    case "dropEnum": return `dropEnum ${qualifiedName(op.enum)}`;
    case "addEnumValue": return `addEnumValue ${qualifiedName(op.enum)}.${op.value}`;
    default: return op.kind;
  }
}

export const ops = (d: { readonly ops: readonly Op[] }): string[] => d.ops.map(summarize);

/**
 * A snapshot with each table's columns sorted by name. Autogenerate never compares column
 * positions, and a downgrade that re-adds a dropped column puts it last.
 */
function inAnyColumnOrder(snap: SchemaSnapshot): SchemaSnapshot {
  return { ...snap, tables: snap.tables.map((t) => ({ ...t, columns: [...t.columns].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)) })) };
}

const CONFIG_FILE = "/nonexistent/athanor.config.ts";

async function resetDatabase(name: DialectName, conn: Connection): Promise<void> {
  if (name === "postgresql") {
    const schemas = await conn.query<{ nspname: string }>(
      "SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema'");
    for (const s of schemas) await conn.execute(`DROP SCHEMA "${s.nspname}" CASCADE`);
    await conn.execute("CREATE SCHEMA public");
    return;
  }
  if (name === "mysql") {
    const objects = await conn.query<{ name: string; kind: string }>(
      "SELECT table_name AS name, table_type AS kind FROM information_schema.tables WHERE table_schema = DATABASE()");
    const routines = await conn.query<{ name: string; kind: string }>(
      "SELECT routine_name AS name, routine_type AS kind FROM information_schema.routines WHERE routine_schema = DATABASE()");
    await conn.execute("SET FOREIGN_KEY_CHECKS = 0");
    for (const o of objects) await conn.execute(`DROP ${o.kind === "VIEW" ? "VIEW" : "TABLE"} \`${o.name}\``);
    for (const r of routines) await conn.execute(`DROP ${r.kind} \`${r.name}\``);
    await conn.execute("SET FOREIGN_KEY_CHECKS = 1");
    return;
  }
  const objects = await conn.query<{ name: string; type: string }>(
    "SELECT name, type FROM sqlite_schema WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY type = 'table'");
  for (const o of objects) {
    // A virtual table drops its shadow tables with it; they may already be gone.
    await conn.execute(`DROP ${o.type.toUpperCase()} IF EXISTS "${o.name.replace(/"/g, '""')}"`);
  }
}

/** Options as a config with `config` resolves them, with the case's own options on top. */
function optionsFor(options: CaseOptions): DiffOptions {
  const { config, schemas: _schemas, ...rest } = options;
  return { ...diffOptionsOf(resolveConfig(config ?? {}, CONFIG_FILE, new ModuleLoader())), ...rest };
}

function reflectionSchemas(options: CaseOptions, defaultSchema: string | null): (string | null)[] {
  return [null, ...(options.schemas ?? []).filter((s) => s !== defaultSchema)];
}

/**
 * Registers a describe block per dialect with a harness on one scratch database; `reset`
 * empties the database before each case. Dialects whose server is down are skipped loudly.
 */
export function forDialects(dialects: readonly DialectName[], body: (h: Harness) => void): void {
  for (const name of dialects) {
    describe(name, async () => {
      const available = await serverAvailable(name);
      if (!available) return;
      let scratch: Scratch | null = null;
      let conn: Connection | null = null;
      const current = (): Connection => {
        if (!conn) throw new Error("harness not open");
        return conn;
      };
      const dialectOf = (): Dialect => {
        if (!scratch) throw new Error("harness not open");
        return scratch.dialect;
      };
      beforeAll(async () => {
        scratch = await scratchDatabase(name, "athanor_ag");
        conn = await scratch.dialect.connect(scratch.url);
      });
      afterAll(async () => {
        await conn?.close();
        await scratch?.drop();
      });

      const asRevision = (list: readonly Op[]): Op[] => (dialectOf().prefersBatch ? groupIntoBatches(list) : [...list]);
      const run = async (list: readonly Op[]): Promise<string> => {
        const dialect = dialectOf();
        const code = renderOps(asRevision(list));
        const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (arg: string, body: string) => (op: unknown) => Promise<void>;
        const fn = new AsyncFunction("op", code);
        const loader = { import: async () => ({ upgrade: fn, downgrade: fn }), prefetch: () => undefined } as unknown as ModuleLoader;
        await runSteps([{
          revision: { revision: "case", message: "autogenerated", path: "<rendered>" },
          direction: "up", rowsBefore: [], rowsAfter: [],
        }], {
          dialect, loader, transactionPerMigration: true,
          target: connectionTarget(current(), dialect, () => false),
          versionTable: new VersionTable(dialect, "athanor_version", null),
        });
        return code;
      };
      const reflect = (schemas: readonly (string | null)[] = [null]) => dialectOf().introspect(current(), { schemas });
      const diff = (md: MetaData, options: CaseOptions = {}) => diffMetadata(md, { dialect: dialectOf(), conn: current() }, optionsFor(options));

      const h: Harness = {
        name,
        get dialect() { return dialectOf(); },
        get conn() { return current(); },
        reset: () => resetDatabase(name, current()),
        async exec(...sql) {
          for (const s of sql) await current().execute(s);
        },
        run,
        reflect,
        diff,
        async roundTrip(md, expectOps, options = {}) {
          const schemas = reflectionSchemas(options, dialectOf().defaultSchema);
          const before = await reflect(schemas);
          const first = await diff(md, options);
          expectOps(first);
          const upgrade = await run(first.ops);
          const second = await diff(md, { ...options, resolveRename: undefined });
          expect(ops(second), `after the upgrade:\n${upgrade}`).toEqual([]);
          const downgrade = await run(reverseOps(asRevision(first.ops)));
          expect(inAnyColumnOrder(await reflect(schemas)), `after the downgrade:\n${downgrade}`).toEqual(inAnyColumnOrder(before));
          return first;
        },
      };

      body(h);
    });
  }
}
