/**
 * One corpus, end to end, the way a user meets it: load it into a fresh database, `pull` a
 * models file, and check that `revision --autogenerate` against that database writes nothing;
 * then autogenerate a revision from the pulled models against an empty database, upgrade it,
 * and check that the copy reflects exactly as the original (and autogenerate is quiet there too).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { pull } from "../../../src/commands/pull.js";
import { upgrade } from "../../../src/commands/migrate.js";
import { withDatabase } from "../../../src/commands/context.js";
import { diffModels } from "../../../src/commands/model-diff.js";
import { revision } from "../../../src/commands/revision.js";
import { loadConfig, type LoadConfigOptions } from "../../../src/config/load.js";
import type { Op } from "../../../src/operations/types.js";
import { parseDatabaseUrl } from "../../../src/config/url.js";
import type { Dialect, DialectName, DatabaseUrl } from "../../../src/dialects/dialect.js";
import { loadDialect } from "../../../src/dialects/index.js";
import type { SchemaSnapshot } from "../../../src/snapshot/types.js";
import { scratchDatabase, serverAvailable, SERVER_URLS, urlToString, type Scratch } from "../../support/databases.js";
import { REPO_ROOT } from "../../support/project.js";
import { casesFor, type CorpusCase } from "./catalog.js";
import { opLine, snapshotDifferences, usedEnums } from "./differences.js";
import { copyUnmanagedPrerequisites, corporaAvailable, loadCorpus } from "./load.js";
import { leftOut, PULL_LEAVES_OUT } from "./out-of-scope.js";

const BOOKKEEPING = new Set(["athanor_version", "athanor_history"]);

/** The database a corpus loads into: a scratch one, or the fixed name the corpus needs (created and dropped here). */
async function originalDatabase(c: CorpusCase): Promise<Scratch> {
  if (!c.database) return scratchDatabase(c.dialect, "athanor_corpus");
  const dialect = await loadDialect(c.dialect);
  const server = parseDatabaseUrl(SERVER_URLS[c.dialect]);
  const url: DatabaseUrl = { ...server, database: c.database };
  const drop = async () => {
    const conn = await dialect.connect({ ...server, database: null });
    try {
      await conn.execute(`DROP DATABASE IF EXISTS ${dialect.quoteIdentifier(c.database!)}`);
    } finally {
      await conn.close();
    }
  };
  return { dialect, url, urlString: urlToString(url), drop };
}

async function reflect(dialect: Dialect, url: DatabaseUrl, schemas: readonly string[]): Promise<SchemaSnapshot> {
  const conn = await dialect.connect(url);
  try {
    return await dialect.introspect(conn, { schemas: [null, ...schemas], excludeTable: (_s, name) => BOOKKEEPING.has(name) });
  } finally {
    await conn.close();
  }
}

/** What `revision --autogenerate` would write, without writing it. */
async function autogenerate(input: LoadConfigOptions): Promise<readonly Op[]> {
  const config = await loadConfig(input);
  return withDatabase(config, async (db) => (await diffModels(config, db)).ops);
}

function project(url: string): { dir: string; configFile: string } {
  const dir = mkdtempSync(join(tmpdir(), "athanor-corpus-"));
  mkdirSync(join(dir, "migrations", "versions"), { recursive: true });
  const configFile = join(dir, "athanor.config.ts");
  writeFileSync(configFile, `export default {\n  url: ${JSON.stringify(url)},\n  models: "./models.ts",\n  scriptLocation: "migrations",\n  includeSchemas: true,\n};\n`);
  return { dir, configFile };
}

async function roundTrip(c: CorpusCase): Promise<void> {
  const schemas = c.schemas ?? [];
  const original = await originalDatabase(c);
  let copy: Scratch | null = null;
  const { dir, configFile } = project(original.urlString);
  try {
    await loadCorpus(c.corpus, original.url);
    const pulled = await pull({ configFile }, { cwd: dir, out: "models.ts", schemas, importFrom: join(REPO_ROOT, "src", "index.ts") });
    const before = await reflect(original.dialect, original.url, schemas);
    expect(before.tables.length, "tables reflected from the loaded corpus").toBe(c.tables);
    expect(pulled.tables).toBe(c.tables);
    expect(pulled.warnings, "what pull said it left out").toEqual(PULL_LEAVES_OUT[`${c.corpus}:${c.dialect}`] ?? []);

    expect.soft((await autogenerate({ configFile })).map(opLine), "autogenerate against the pulled database").toEqual([]);

    copy = await scratchDatabase(c.dialect, "athanor_copy");
    if (c.dialect === "postgresql") await copyUnmanagedPrerequisites(original.url, copy.url, usedEnums(before));
    const target = { configFile, url: copy.urlString };
    const created = await revision(target, { autogenerate: true, message: "pulled schema" });
    expect(created.path, "a revision creating the pulled schema").not.toBeNull();
    await upgrade(target, "head");
    const after = await reflect(copy.dialect, copy.url, schemas);
    expect.soft(snapshotDifferences(before, after, copy.dialect), "the copy, reflected").toEqual([]);

    expect.soft((await autogenerate(target)).map(opLine), "autogenerate against the upgraded copy").toEqual([]);
  } finally {
    await copy?.drop();
    await original.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A describe block with one test per corpus of this dialect (the large ones, or the others). */
export function corpusMatrix(dialect: DialectName, large = false): void {
  describe.skipIf(!corporaAvailable())(`corpus round trips on ${dialect}`, async () => {
    if (!(await serverAvailable(dialect))) return;
    for (const c of casesFor(dialect, large)) {
      it(`${c.corpus}: pull, no ops, and a copy from the pulled models reflects the same`, async ({ annotate }) => {
        for (const reason of leftOut(c.corpus, c.dialect)) await annotate(`left out: ${reason}`);
        await roundTrip(c);
      }, 180_000);
    }
  });
}
