import { mkdir, readFile } from "node:fs/promises";
import { dirname } from "node:path";
import type { RevisionHeader } from "./header.js";
import { writeFileAtomic } from "./write.js";

/**
 * The on-disk header cache: parsed headers keyed by file path and validated by size and
 * mtime, so a warm scan stats files instead of reading them. The file is a cache, never a
 * source of truth: anything unreadable or malformed in it is ignored and rebuilt.
 */
export interface CachedHeader {
  readonly size: number;
  readonly mtimeMs: number;
  readonly header: RevisionHeader;
}

const FORMAT = "athanor-header-cache";
const VERSION = 1;

type StoredHeader = Omit<RevisionHeader, "path">;

export async function readHeaderCache(cacheFile: string): Promise<Map<string, CachedHeader>> {
  const entries = new Map<string, CachedHeader>();
  let data: unknown;
  try {
    data = JSON.parse(await readFile(cacheFile, "utf8"));
  } catch {
    return entries;
  }
  if (!isRecord(data) || data.format !== FORMAT || data.version !== VERSION || !isRecord(data.files)) return entries;
  for (const [path, entry] of Object.entries(data.files)) {
    if (!isRecord(entry) || typeof entry.size !== "number" || typeof entry.mtimeMs !== "number") continue;
    if (!isStoredHeader(entry.header)) continue;
    entries.set(path, { size: entry.size, mtimeMs: entry.mtimeMs, header: Object.freeze({ ...entry.header, path }) });
  }
  return entries;
}

export async function writeHeaderCache(cacheFile: string, entries: ReadonlyMap<string, CachedHeader>): Promise<void> {
  const files: Record<string, { size: number; mtimeMs: number; header: StoredHeader }> = {};
  for (const [path, { size, mtimeMs, header }] of entries) {
    const { path: _omitted, ...stored } = header;
    files[path] = { size, mtimeMs, header: stored };
  }
  await mkdir(dirname(cacheFile), { recursive: true });
  await writeFileAtomic(cacheFile, JSON.stringify({ format: FORMAT, version: VERSION, files }), { overwrite: true });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === "string");
}

function isStoredHeader(value: unknown): value is StoredHeader {
  return (
    isRecord(value) &&
    typeof value.revision === "string" &&
    isStringList(value.downRevisions) &&
    isStringList(value.branchLabels) &&
    isStringList(value.dependsOn) &&
    typeof value.message === "string" &&
    (value.createDate === null || typeof value.createDate === "string")
  );
}
