import { mkdir, mkdtemp, readFile, rm, stat, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isRevisionFileName, RevisionGraph, scanRevisionFiles } from "../../../src/script/index.js";
import { expectRejection } from "./fixtures.js";

function revisionFile(id: string, down: string | null, message = `message ${id}`): string {
  return `/**
 * ${message}
 *
 * Revision ID: ${id}
 * Revises: ${down ?? ""}
 * Create Date: 2026-11-22T05:40:00Z
 */
export const revision = "${id}";
export const downRevision: string | string[] | null = ${down === null ? "null" : `"${down}"`};
export const branchLabels: string[] | null = null;
export const dependsOn: string[] | null = null;

export async function upgrade(): Promise<void> {}
export async function downgrade(): Promise<void> {}
`;
}

/** The cache file's entries as { path: message }, and a way to rewrite cached messages. */
async function cachedMessages(cacheFile: string): Promise<Record<string, string>> {
  const data = JSON.parse(await readFile(cacheFile, "utf8"));
  const out: Record<string, string> = {};
  for (const [dir, files] of Object.entries(data.dirs as Record<string, Record<string, unknown[]>>)) {
    for (const [name, entry] of Object.entries(files)) out[join(dir, name)] = entry[6] as string;
  }
  return out;
}

async function doctorCache(cacheFile: string, message: (path: string) => string | undefined): Promise<void> {
  const data = JSON.parse(await readFile(cacheFile, "utf8"));
  for (const [dir, files] of Object.entries(data.dirs as Record<string, Record<string, unknown[]>>)) {
    for (const [name, entry] of Object.entries(files)) entry[6] = message(join(dir, name)) ?? entry[6];
  }
  await writeFile(cacheFile, JSON.stringify(data));
}

describe("isRevisionFileName", () => {
  it("takes scripts and skips declarations, private and hidden files", () => {
    for (const name of ["a.ts", "a.mts", "a.cts", "a.js", "a.mjs", "a.cjs"]) expect(isRevisionFileName(name)).toBe(true);
    for (const name of ["a.d.ts", "a.d.mts", "_helpers.ts", ".a.ts.123.tmp", ".hidden.ts", "README.md", "a.ts.map", "a.json"]) {
      expect(isRevisionFileName(name)).toBe(false);
    }
  });
});

describe("scanRevisionFiles", () => {
  let root: string;
  let versions: string;
  let cacheFile: string;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), "athanor-scan-"));
    versions = join(root, "versions");
    cacheFile = join(root, ".athanor-cache", "headers.json");
    await mkdir(versions);
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it("reads every revision script in the directories, sorted, skipping the rest", async () => {
    const extra = join(root, "extra");
    await mkdir(extra);
    await writeFile(join(versions, "bbb_second.ts"), revisionFile("bbb", "aaa"));
    await writeFile(join(versions, "aaa_first.mjs"), revisionFile("aaa", null));
    await writeFile(join(versions, "aaa_first.d.ts"), "export declare const revision: string;");
    await writeFile(join(versions, "_shared.ts"), "export const helper = 1;");
    await writeFile(join(versions, ".draft.ts"), "broken");
    await writeFile(join(versions, "notes.md"), "# notes");
    await mkdir(join(versions, "nested.ts"));
    await writeFile(join(extra, "ccc_third.cjs"), revisionFile("ccc", "bbb"));
    const headers = await scanRevisionFiles([versions, extra]);
    expect(headers.map((h) => h.revision)).toEqual(["aaa", "bbb", "ccc"]);
    expect(headers[0]).toMatchObject({ path: join(versions, "aaa_first.mjs"), message: "message aaa", createDate: "2026-11-22T05:40:00Z" });
    expect(new RevisionGraph(headers).heads).toEqual(["ccc"]);
  });

  it("names the file that fails to parse", async () => {
    await writeFile(join(versions, "aaa.ts"), revisionFile("aaa", null));
    await writeFile(join(versions, "bad.ts"), "export const downRevision = null;");
    await expectRejection(scanRevisionFiles([versions]), "REVISION_FILE", join(versions, "bad.ts"), "revision");
  });

  it("reports a missing directory", async () => {
    await expectRejection(scanRevisionFiles([join(root, "nope")]), "REVISION_FILE", join(root, "nope"));
  });

  it("caches headers by path, size and mtime, and rewrites the cache only on change", async () => {
    const a = join(versions, "aaa.ts");
    const b = join(versions, "bbb.ts");
    await writeFile(a, revisionFile("aaa", null));
    await writeFile(b, revisionFile("bbb", "aaa"));
    const first = await scanRevisionFiles([versions], { cacheFile });
    expect(first.map((h) => h.revision)).toEqual(["aaa", "bbb"]);
    expect(await cachedMessages(cacheFile)).toEqual({ [a]: "message aaa", [b]: "message bbb" });

    // An unchanged scan serves headers from the cache (proved by a doctored entry) and leaves the file alone.
    await doctorCache(cacheFile, (path) => (path === a ? "from the cache" : undefined));
    const old = new Date(Date.now() - 60_000);
    await utimes(cacheFile, old, old);
    const before = await stat(cacheFile);
    const second = await scanRevisionFiles([versions], { cacheFile });
    expect(second[0]!.message).toBe("from the cache");
    expect(second[0]!.path).toBe(a);
    expect((await stat(cacheFile)).mtimeMs).toBe(before.mtimeMs);

    // A changed file is parsed again and the cache rewritten.
    await writeFile(a, revisionFile("aaa", null, "edited message"));
    const third = await scanRevisionFiles([versions], { cacheFile });
    expect(third[0]!.message).toBe("edited message");
    expect((await cachedMessages(cacheFile))[a]).toBe("edited message");

    // A removed file leaves the cache.
    await rm(b);
    expect((await scanRevisionFiles([versions], { cacheFile })).map((h) => h.revision)).toEqual(["aaa"]);
    expect(Object.keys(await cachedMessages(cacheFile))).toEqual([a]);
  });

  it("ignores and rebuilds a corrupt or foreign cache file", async () => {
    await writeFile(join(versions, "aaa.ts"), revisionFile("aaa", null));
    await mkdir(join(root, ".athanor-cache"));
    for (const garbage of ["{not json", JSON.stringify({ format: "other", files: {} }), JSON.stringify({ format: "athanor-header-cache", version: 2, dirs: { [versions]: { "aaa.ts": ["x"] } } })]) {
      await writeFile(cacheFile, garbage);
      const headers = await scanRevisionFiles([versions], { cacheFile });
      expect(headers.map((h) => h.revision)).toEqual(["aaa"]);
      expect(JSON.parse(await readFile(cacheFile, "utf8")).format).toBe("athanor-header-cache");
    }
  });

  it("scans a thousand files and reuses every header from a warm cache", async () => {
    const count = 1000;
    const id = (i: number): string => `r${i.toString().padStart(5, "0")}`;
    await Promise.all(Array.from({ length: count }, (_, i) => writeFile(join(versions, `${id(i)}_step.ts`), revisionFile(id(i), i === 0 ? null : id(i - 1)))));
    const cold = await scanRevisionFiles([versions], { cacheFile });
    expect(cold).toHaveLength(count);
    expect(Object.keys(await cachedMessages(cacheFile))).toHaveLength(count);
    await doctorCache(cacheFile, () => "cached");
    const warm = await scanRevisionFiles([versions], { cacheFile });
    expect(warm.every((h) => h.message === "cached")).toBe(true);
    expect(new RevisionGraph(warm).heads).toEqual([id(count - 1)]);
  });
});
