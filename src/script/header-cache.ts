import { mkdir, readFile } from "node:fs/promises";
import { basename, dirname, sep } from "node:path";
import type { RevisionHeader } from "./header.js";
import { writeFileAtomic } from "./write.js";

/**
 * The on-disk header cache: parsed headers keyed by file path and validated by size and
 * mtime, so a warm scan stats files instead of reading them. It is a cache, never a source
 * of truth: anything unreadable or malformed in it is ignored and rebuilt. Entries are
 * grouped by directory and stored as arrays, which keeps the file small and quick to parse.
 */
export interface CachedHeader {
  readonly size: number;
  readonly mtimeMs: number;
  readonly header: RevisionHeader;
}

const FORMAT = "athanor-header-cache";
const VERSION = 2;

/** [size, mtimeMs, revision, downRevisions, branchLabels, dependsOn, message, createDate] */
type StoredEntry = [number, number, string, string[], string[], string[], string, string | null];

export async function readHeaderCache(cacheFile: string): Promise<Map<string, CachedHeader>> {
  const entries = new Map<string, CachedHeader>();
  let data: unknown;
  try {
    data = JSON.parse(await readFile(cacheFile, "utf8"));
  } catch {
    return entries;
  }
  if (!isRecord(data) || data.format !== FORMAT || data.version !== VERSION || !isRecord(data.dirs)) return entries;
  for (const [dir, files] of Object.entries(data.dirs)) {
    if (!isRecord(files)) continue;
    const prefix = dir.endsWith(sep) ? dir : dir + sep;
    for (const [name, entry] of Object.entries(files)) {
      if (!isStoredEntry(entry)) continue;
      const path = prefix + name;
      const [size, mtimeMs, revision, downRevisions, branchLabels, dependsOn, message, createDate] = entry;
      const header: RevisionHeader = Object.freeze({ revision, downRevisions, branchLabels, dependsOn, message, createDate, path });
      entries.set(path, { size, mtimeMs, header });
    }
  }
  return entries;
}

export async function writeHeaderCache(cacheFile: string, entries: ReadonlyMap<string, CachedHeader>): Promise<void> {
  const dirs: Record<string, Record<string, StoredEntry>> = {};
  for (const [path, { size, mtimeMs, header }] of entries) {
    const dir = dirname(path);
    const files = (dirs[dir] ??= {});
    files[basename(path)] = [
      size,
      mtimeMs,
      header.revision,
      [...header.downRevisions],
      [...header.branchLabels],
      [...header.dependsOn],
      header.message,
      header.createDate,
    ];
  }
  await mkdir(dirname(cacheFile), { recursive: true });
  await writeFileAtomic(cacheFile, JSON.stringify({ format: FORMAT, version: VERSION, dirs }), { overwrite: true });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === "string");
}

function isStoredEntry(value: unknown): value is StoredEntry {
  return (
    Array.isArray(value) &&
    value.length === 8 &&
    typeof value[0] === "number" &&
    typeof value[1] === "number" &&
    typeof value[2] === "string" &&
    isStringList(value[3]) &&
    isStringList(value[4]) &&
    isStringList(value[5]) &&
    typeof value[6] === "string" &&
    (value[7] === null || typeof value[7] === "string")
  );
}
