/**
 * The models compiled in a worker thread (what the CLI's check and revision --autogenerate do
 * while they reflect the database), from the built package, since a worker runs JavaScript:
 * the worker's snapshot equals the main thread's, and whenever the worker cannot deliver, the
 * main-thread source is asked instead, so its error is the one the user sees.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { ModelsSource } from "../../../src/commands/compiled-models.js";
import { REPO_ROOT } from "../../support/project.js";

const dist = (module: string) => import(pathToFileURL(join(REPO_ROOT, "dist", module)).href);
const { ModelsAhead } = (await dist("commands/models-ahead.js")) as typeof import("../../../src/commands/models-ahead.js");
const { metadataSource } = (await dist("commands/compiled-models.js")) as typeof import("../../../src/commands/compiled-models.js");
const { ModuleLoader, namedExport } = (await dist("runtime/load-module.js")) as typeof import("../../../src/runtime/load-module.js");
const { CompiledModules } = (await dist("runtime/compiled-modules.js")) as typeof import("../../../src/runtime/compiled-modules.js");

/** The worker takes the models' compiled bundle, as the CLI hands it over. */
async function ahead(file: string, fallback: ModelsSource) {
  const bundle = await CompiledModules.near(dir)!.get(file);
  expect(bundle).not.toBeNull();
  return new ModelsAhead(bundle!, fallback);
}

const MODELS = `import { MetaData, table, integer, varchar } from "athanor";
export const metadata = new MetaData({ schema: "app" });
export const users = table(metadata, "users", { id: integer().primaryKey(), email: varchar(80).notNull().unique() });
export const posts = table(metadata, "posts", { id: integer().primaryKey(), userId: integer("user_id").references("users.id").renamedFrom("author_id") });
`;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "athanor-ahead-"));
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "user-app", type: "module" }));
  mkdirSync(join(dir, "node_modules"));
  symlinkSync(REPO_ROOT, join(dir, "node_modules", "athanor"), "dir");
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A main-thread source that records whether it was asked. */
function inline(file: string): ModelsSource & { asked: number } {
  const source = metadataSource(async () => namedExport(await new ModuleLoader().import(file, "models", "MODELS"), "metadata") as never);
  return { asked: 0, compile(schema) { this.asked++; return source.compile(schema); } };
}

describe("models compiled in a worker thread", () => {
  it("deliver the same snapshot and rename hints as the main thread, without asking it", async () => {
    const file = join(dir, "models.ts");
    writeFileSync(file, MODELS);
    const fallback = inline(file);
    const fromWorker = await (await ahead(file, fallback)).compile("app");
    expect(fallback.asked).toBe(0);
    const here = await inline(file).compile("app");
    expect(fromWorker.snapshot).toEqual(here.snapshot);
    expect(fromWorker.snapshot.tables.map((t) => [t.schema, t.name])).toEqual([[null, "posts"], [null, "users"]]);
    expect(fromWorker.renames.columns).toEqual(new Map([["posts.user_id", "author_id"]]));
  });

  it("leave a models file that throws to the main thread, whose error stands", async () => {
    const file = join(dir, "models.ts");
    writeFileSync(file, `${MODELS}\nthrow new Error("models are broken");\n`);
    const fallback = inline(file);
    await expect((await ahead(file, fallback)).compile(null)).rejects.toThrow(/models file .*models\.ts failed to load: models are broken/);
    expect(fallback.asked).toBe(1);
  });

  it("leave a file without a MetaData export to the main thread", async () => {
    const file = join(dir, "models.ts");
    writeFileSync(file, `export const metadata = 42;\n`);
    const fallback = inline(file);
    await expect((await ahead(file, fallback)).compile(null)).rejects.toThrow(/compileMetadata\(\) expects a MetaData/);
    expect(fallback.asked).toBe(1);
  });
});
