import { statSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { AthanorError } from "../errors.js";
import { parseRevisionHeader } from "./header.js";
import type { RevisionHeader } from "./header.js";
import { readHeaderCache, writeHeaderCache } from "./header-cache.js";
import type { CachedHeader } from "./header-cache.js";

export interface ScanOptions {
  /** JSON file caching parsed headers by path, size and mtime; rewritten only when something changed. */
  readonly cacheFile?: string;
}

const REVISION_FILE = /\.(?:ts|mts|cts|js|mjs|cjs)$/;
const DECLARATION_FILE = /\.d\.(?:ts|mts|cts)$/;
/** Enough parallel file operations to hide latency without running out of descriptors. */
const CONCURRENCY = 64;

/** Whether a file name in a versions directory is a revision script. */
export function isRevisionFileName(name: string): boolean {
  return REVISION_FILE.test(name) && !DECLARATION_FILE.test(name) && !name.startsWith("_") && !name.startsWith(".");
}

/**
 * Reads the header of every revision script in `dirs` (not recursive), in a stable order:
 * directories as given, files by name. Paths in the result are absolute.
 */
export async function scanRevisionFiles(dirs: readonly string[], options: ScanOptions = {}): Promise<RevisionHeader[]> {
  const files = (await Promise.all([...new Set(dirs.map((dir) => resolve(dir)))].map(listRevisionFiles))).flat();
  const cache = options.cacheFile === undefined ? new Map<string, CachedHeader>() : await readHeaderCache(options.cacheFile);
  const fresh = new Map<string, CachedHeader>();

  // Stat synchronously: a warm scan is nothing but stats, and through the thread pool
  // 10,000 of them cost several times what direct calls do.
  const stale: { index: number; path: string; size: number; mtimeMs: number }[] = [];
  const found: (RevisionHeader | null)[] = files.map((path, index) => {
    const info = statSync(path, { throwIfNoEntry: false });
    if (info === undefined || !info.isFile()) return null;
    const cached = cache.get(path);
    if (cached !== undefined && cached.size === info.size && cached.mtimeMs === info.mtimeMs) {
      fresh.set(path, cached);
      return cached.header;
    }
    stale.push({ index, path, size: info.size, mtimeMs: info.mtimeMs });
    return null;
  });

  const parsed = await mapLimit(stale, CONCURRENCY, async ({ path, size, mtimeMs }) => {
    try {
      const header = parseRevisionHeader(await readFile(path, "utf8"), path);
      return { header, size, mtimeMs };
    } catch (error) {
      return { error };
    }
  });
  for (let k = 0; k < stale.length; k++) {
    const outcome = parsed[k]!;
    if ("error" in outcome) throw outcome.error;
    found[stale[k]!.index] = outcome.header;
    fresh.set(stale[k]!.path, outcome);
  }
  const changed = stale.length > 0 || fresh.size !== cache.size;

  const headers = found.filter((header): header is RevisionHeader => header !== null);
  if (options.cacheFile !== undefined && changed) {
    await writeHeaderCache(options.cacheFile, fresh);
  }
  return headers;
}

async function listRevisionFiles(dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === "ENOENT" || code === "ENOTDIR") {
      throw new AthanorError("REVISION_FILE", `versions directory ${dir} does not exist (create it, or run \`athanor init\`)`, { file: dir, cause: e });
    }
    throw e;
  }
  return entries
    .filter((entry) => (entry.isFile() || entry.isSymbolicLink()) && isRevisionFileName(entry.name))
    .map((entry) => entry.name)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((name) => join(dir, name));
}

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
