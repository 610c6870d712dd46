import { readFileSync, statSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { resolve, sep } from "node:path";
import { setImmediate as nextTurn } from "node:timers/promises";
import { AthanorError } from "../errors.js";
import { parseRevisionHeader } from "./header.js";
import type { RevisionHeader } from "./header.js";
import { readHeaderCache, writeHeaderCache } from "./header-cache.js";
import type { CachedHeader } from "./header-cache.js";

export interface ScanOptions {
  /** JSON file caching parsed headers by path, size and mtime; rewritten (atomically) only when something changed. */
  readonly cacheFile?: string;
}

const REVISION_FILE = /\.(?:ts|mts|cts|js|mjs|cjs)$/;
const DECLARATION_FILE = /\.d\.(?:ts|mts|cts)$/;
/** Files handled between yields to the event loop. */
const BATCH = 512;

/** Whether a file name in a versions directory is a revision script. */
export function isRevisionFileName(name: string): boolean {
  return REVISION_FILE.test(name) && !DECLARATION_FILE.test(name) && !name.startsWith("_") && !name.startsWith(".");
}

/**
 * Reads the header of every revision script in `dirs` (not recursive), in a stable order:
 * directories as given, files by name. Paths in the result are absolute. A parse error
 * names its file; with several bad files, the first in that order is reported.
 *
 * Files are stat'ed and read with synchronous calls in batches, yielding to the event loop
 * between batches: for thousands of small files, a thread-pool round trip per call costs
 * ten times the work itself (10,000 async reads take seconds, sync ones ~150 ms), and
 * parsing is single-threaded JavaScript either way.
 */
export async function scanRevisionFiles(dirs: readonly string[], options: ScanOptions = {}): Promise<RevisionHeader[]> {
  const files = (await Promise.all([...new Set(dirs.map((dir) => resolve(dir)))].map(listRevisionFiles))).flat();
  const cache = options.cacheFile === undefined ? new Map<string, CachedHeader>() : await readHeaderCache(options.cacheFile);
  const fresh = new Map<string, CachedHeader>();
  const headers: RevisionHeader[] = [];
  let parsed = 0;
  for (let i = 0; i < files.length; i++) {
    if (i > 0 && i % BATCH === 0) await nextTurn();
    const path = files[i]!;
    const info = statSync(path, { throwIfNoEntry: false });
    if (info === undefined || !info.isFile()) continue;
    let entry = cache.get(path);
    if (entry === undefined || entry.size !== info.size || entry.mtimeMs !== info.mtimeMs) {
      entry = { size: info.size, mtimeMs: info.mtimeMs, header: parseRevisionHeader(readFileSync(path, "utf8"), path) };
      parsed++;
    }
    fresh.set(path, entry);
    headers.push(entry.header);
  }
  if (options.cacheFile !== undefined && (parsed > 0 || fresh.size !== cache.size)) {
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
    .map((name) => (dir.endsWith(sep) ? dir + name : dir + sep + name));
}
