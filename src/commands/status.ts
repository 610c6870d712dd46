import { AthanorError } from "../errors.js";
import type { RevisionGraph, RevisionHeader } from "../script/index.js";
import { loadGraph, resolveConfigInput, withDatabase, type ConfigInput, type Database } from "./context.js";

export interface RevisionInfo {
  readonly revision: string;
  readonly downRevisions: readonly string[];
  readonly message: string;
  readonly path: string;
  readonly isHead: boolean;
}

function info(graph: RevisionGraph, h: RevisionHeader): RevisionInfo {
  return { revision: h.revision, downRevisions: h.downRevisions, message: h.message, path: h.path, isHead: graph.heads.includes(h.revision) };
}

/** The database's version rows; each row is a head of what has been applied. */
export async function current(input?: ConfigInput): Promise<{ readonly revisions: readonly RevisionInfo[]; readonly unknown: readonly string[] }> {
  const config = await resolveConfigInput(input);
  const graph = await loadGraph(config);
  const rows = await withDatabase(config, async (db) => (await db.versionTable.read(db.conn)) ?? []);
  return {
    revisions: rows.filter((r) => graph.has(r)).map((r) => info(graph, graph.get(r))),
    unknown: rows.filter((r) => !graph.has(r)),
  };
}

export async function heads(input?: ConfigInput): Promise<RevisionInfo[]> {
  const config = await resolveConfigInput(input);
  const graph = await loadGraph(config);
  return graph.heads.map((h) => info(graph, graph.get(h)));
}

/** Every revision, newest first. */
export async function history(input?: ConfigInput): Promise<RevisionInfo[]> {
  const config = await resolveConfigInput(input);
  const graph = await loadGraph(config);
  return graph.walk().map((e) => info(graph, e.revision));
}

/** Refuse to compare models with a database that is not at the heads: the diff would mislead. */
export async function requireAtHeads(db: Database, graph: RevisionGraph): Promise<void> {
  const rows = (await db.versionTable.read(db.conn)) ?? [];
  const unknown = rows.filter((r) => !graph.has(r));
  if (unknown.length > 0) {
    throw new AthanorError("REVISION_NOT_FOUND", `the database is at revision ${unknown.join(", ")}, which no revision file defines`, { revision: unknown[0] });
  }
  const want = [...graph.heads].sort();
  const have = [...rows].sort();
  if (want.join(",") !== have.join(",")) {
    throw new AthanorError("NOT_AT_HEAD", `target database is not up to date: it is at ${have.join(", ") || "base"}, the head is ${want.join(", ") || "base"}; run "athanor upgrade head" first`);
  }
}
