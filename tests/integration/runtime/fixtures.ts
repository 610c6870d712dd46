/**
 * A migration project in a temp folder, driven through the library (no CLI process): revision
 * files written from snippets, and a fresh configuration (so a fresh module loader) per run.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { resolveConfig, type ResolvedConfig } from "../../../src/config/load.js";
import type { AthanorConfig } from "../../../src/config/types.js";
import type { Connection } from "../../../src/dialects/dialect.js";
import { ModuleLoader } from "../../../src/runtime/load-module.js";
import type { Scratch } from "../../support/databases.js";

export interface RevisionSource {
  readonly id: string;
  /** Body of `upgrade(op)`; `op` is in scope. */
  readonly up: string;
  readonly down?: string;
  readonly message?: string;
  /** Defaults to the previous revision in the list (null for the first). */
  readonly downRevision?: string | null;
}

export interface ChainProject {
  readonly dir: string;
  /** A freshly resolved configuration: revision files are imported anew. */
  config(extra?: Partial<AthanorConfig>): ResolvedConfig;
  /** (Re)write one revision file. */
  write(rev: RevisionSource, downRevision: string | null): string;
  path(id: string): string;
  remove(): void;
}

/** Revision ids for a chain: r1…rN padded to look like real ones. */
export const revId = (n: number): string => `a${String(n).padStart(11, "0")}`;

export function revisionFile(rev: RevisionSource, downRevision: string | null): string {
  const message = rev.message ?? `step ${rev.id}`;
  return `/**
 * ${message}
 *
 * Revision ID: ${rev.id}
 * Revises: ${downRevision ?? ""}
 * Create Date: 2026-01-01T00:00:00Z
 */
import type { Operations } from "athanor";

export const revision = ${JSON.stringify(rev.id)};
export const downRevision: string | string[] | null = ${JSON.stringify(downRevision)};
export const branchLabels: string[] | null = null;
export const dependsOn: string[] | null = null;

export async function upgrade(op: Operations): Promise<void> {
${rev.up}
}

export async function downgrade(op: Operations): Promise<void> {
${rev.down ?? ""}
}
`;
}

export function chainProject(url: string, revisions: readonly RevisionSource[], base: Partial<AthanorConfig> = {}): ChainProject {
  const dir = mkdtempSync(join(tmpdir(), "athanor-runtime-"));
  const versions = join(dir, "migrations", "versions");
  mkdirSync(versions, { recursive: true });
  const path = (id: string) => join(versions, `${id}_rev.ts`);
  const write = (rev: RevisionSource, downRevision: string | null) => {
    writeFileSync(path(rev.id), revisionFile(rev, downRevision));
    return path(rev.id);
  };
  revisions.forEach((rev, i) => write(rev, rev.downRevision !== undefined ? rev.downRevision : i === 0 ? null : revisions[i - 1]!.id));
  return {
    dir,
    config: (extra = {}) => resolveConfig({ url, scriptLocation: "migrations", ...base, ...extra }, join(dir, "athanor.config.ts"), new ModuleLoader()),
    write,
    path,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export async function withConnection<T>(db: Scratch, fn: (conn: Connection) => Promise<T>): Promise<T> {
  const conn = await db.dialect.connect(db.url);
  try {
    return await fn(conn);
  } finally {
    await conn.close();
  }
}

/** The version rows, or null when the version table does not exist. */
export function versionRows(db: Scratch, table = "athanor_version"): Promise<string[] | null> {
  return withConnection(db, async (conn) => {
    try {
      const rows = await conn.query<{ version_num: string }>(`SELECT version_num FROM ${db.dialect.quoteIdentifier(table)}`);
      return rows.map((r) => r.version_num).sort();
    } catch {
      return null;
    }
  });
}

/** User tables (bookkeeping tables left out), sorted. */
export function userTables(db: Scratch): Promise<string[]> {
  return withConnection(db, async (conn) => {
    const snap = await db.dialect.introspect(conn, { excludeTable: (_s, n) => n === "athanor_version" || n === "athanor_history" });
    return snap.tables.map((t) => t.name).sort();
  });
}
