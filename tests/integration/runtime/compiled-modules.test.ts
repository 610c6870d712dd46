/**
 * User TypeScript files load from a cache of compiled bundles once they have been compiled:
 * real files in a temp project, loaded through the ModuleLoader the commands use. What a user
 * must be able to count on: an edit is seen on the next load (even one that keeps the size and
 * the clock), a fresh loader evaluates the file again, and whatever a bundle cannot reproduce
 * (a file's own location, a package from a nested node_modules) still loads correctly.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { ModuleLoader } from "../../../src/runtime/load-module.js";
import { REPO_ROOT } from "../../support/project.js";

let dir: string;
const cacheDir = () => join(dir, "node_modules", ".cache", "athanor", "modules");
const bundles = () => (existsSync(cacheDir()) ? readdirSync(cacheDir()).filter((f) => f.endsWith(".mjs")) : []);
const write = (rel: string, text: string) => {
  mkdirSync(dirname(join(dir, rel)), { recursive: true });
  writeFileSync(join(dir, rel), text);
};
const load = (rel: string, fresh = true) => new ModuleLoader({ fresh }).import(join(dir, rel), "models", "MODELS");

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "athanor-compiled-"));
  write("package.json", JSON.stringify({ name: "user-app", type: "module" }));
  mkdirSync(join(dir, "node_modules"));
  symlinkSync(REPO_ROOT, join(dir, "node_modules", "athanor"), "dir");
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("compiled user modules", () => {
  it("bundles a file with the user's own imports, and serves it from the cache afterwards", async () => {
    write("db/tables.ts", `import { MetaData, table, integer } from "athanor";\nexport const metadata = new MetaData();\ntable(metadata, "a", { id: integer().primaryKey() });\n`);
    write("models.ts", `export { metadata } from "./db/tables.js";\nexport const answer: number = 42;\n`);
    const first = await load("models.ts");
    expect(first.answer).toBe(42);
    expect((first.metadata as { tables: readonly unknown[] }).tables).toHaveLength(1);
    expect(bundles()).toHaveLength(1);
    const again = await load("models.ts");
    expect(again.answer).toBe(42);
    expect(bundles()).toHaveLength(1);
  });

  it("sees an edit of an imported file that keeps its size and modification time", async () => {
    write("values.ts", `export const value = "aaa";\n`);
    write("models.ts", `export { value } from "./values.js";\n`);
    expect((await load("models.ts")).value).toBe("aaa");
    const before = statSync(join(dir, "values.ts"));
    write("values.ts", `export const value = "bbb";\n`);
    utimesSync(join(dir, "values.ts"), before.atime, before.mtime);
    expect((await load("models.ts")).value).toBe("bbb");
  });

  it("evaluates the file again for each fresh loader, and once for a shared one", async () => {
    write("models.ts", `const g = globalThis as { __athanorLoads?: number };\ng.__athanorLoads = (g.__athanorLoads ?? 0) + 1;\nexport const n = g.__athanorLoads;\n`);
    const g = globalThis as { __athanorLoads?: number };
    delete g.__athanorLoads;
    await load("models.ts");
    await load("models.ts");
    expect(g.__athanorLoads).toBe(2);
    const shared = new ModuleLoader({ fresh: false });
    const a = await shared.import(join(dir, "models.ts"), "models", "MODELS");
    const b = await shared.import(join(dir, "models.ts"), "models", "MODELS");
    expect(a.n).toBe(b.n);
    delete g.__athanorLoads;
  });

  it("loads a file that needs its own location through tsx, with the right location", async () => {
    write("models.ts", `export const here: string = import.meta.url;\n`);
    // tsx may add a query of its own to the URL; the file is what matters.
    expect(String((await load("models.ts")).here).split("?")[0]).toBe(pathToFileURL(join(dir, "models.ts")).href);
    expect(String((await load("models.ts")).here).split("?")[0]).toBe(pathToFileURL(join(dir, "models.ts")).href);
  });

  it("takes a package from a nested node_modules the way the file itself would", async () => {
    for (const [where, value] of [["node_modules/lib", "outer"], ["sub/node_modules/lib", "inner"]]) {
      write(`${where}/package.json`, JSON.stringify({ name: "lib", type: "module", exports: "./index.js" }));
      write(`${where}/index.js`, `export const which = ${JSON.stringify(value)};\n`);
    }
    write("sub/tables.ts", `export { which } from "lib";\n`);
    write("models.ts", `export { which } from "./sub/tables.js";\n`);
    expect((await load("models.ts")).which).toBe("inner");
    expect((await load("models.ts")).which).toBe("inner");
  });

  it("reports a syntax error naming the file", async () => {
    write("models.ts", `export const = ;\n`);
    await expect(load("models.ts")).rejects.toThrow(/models file .*models\.ts failed to load/);
  });
});
