import { AthanorError } from "../errors.js";
import { verifyChecksums, type AuditFindings } from "../runtime/audit.js";
import { parseRange, parseRelative, type RevisionGraph } from "../script/index.js";
import { loadGraph, resolveConfigInput, withDatabase, type ConfigInput, type Database } from "./context.js";
import { infoFromEntry, revisionInfos, type RevisionInfo } from "./revision-info.js";

export type { RevisionInfo } from "./revision-info.js";

export interface CurrentOptions {
  /** Fail (NOT_AT_HEAD, exit 1) unless every head is applied: `current --check-heads`. */
  readonly checkHeads?: boolean;
  /** Also compare the audit trail with the files (`current -v`): changed and unknown applied revisions. */
  readonly verify?: boolean;
}

export interface CurrentResult {
  /** The database, its password redacted. */
  readonly database: string;
  /** The version table's rows, sorted. */
  readonly rows: readonly string[];
  /**
   * The newest applied revision of each branch, as Alembic's `current` lists them: the rows,
   * plus heads applied only because an applied revision depends on them.
   */
  readonly revisions: readonly RevisionInfo[];
  /** Every head is applied (nothing for `upgrade heads` to do). */
  readonly atHeads: boolean;
  /** With `verify`: applied revisions whose file changed since, or that no file defines (runtime/audit.ts). */
  readonly audit?: AuditFindings;
}

/**
 * Where the database stands. A row that no revision file defines is an error
 * (REVISION_NOT_FOUND) naming it, as for upgrade and downgrade.
 */
export async function current(input?: ConfigInput, options: CurrentOptions = {}): Promise<CurrentResult> {
  const config = await resolveConfigInput(input);
  const graph = await loadGraph(config);
  const { rows, database, audit } = await withDatabase(config, async (db) => ({
    rows: await readKnownRows(db, graph),
    database: db.display,
    audit: options.verify ? await verifyChecksums(db, graph) : undefined,
  }));
  const applied = graph.appliedFrom(rows);
  const tips = [...applied].filter((id) => !graph.children(id).some((child) => applied.has(child)));
  const atHeads = sameSet(rows, graph.realHeads);
  if (options.checkHeads && !atHeads) {
    throw new AthanorError(
      "NOT_AT_HEAD",
      `the database ${database} is not at the heads: it is at ${rows.join(", ") || "<base>"}, the heads are ` +
        `${graph.realHeads.join(", ") || "<base>"}; run "athanor upgrade heads"`,
    );
  }
  return { database, rows, revisions: revisionInfos(graph, tips, rows), atHeads, ...(audit ? { audit } : {}) };
}

export interface HeadsOptions {
  /** Leave out effective heads (heads that other revisions depend on): `heads --resolve-dependencies`. */
  readonly resolveDependencies?: boolean;
}

/** The heads, from the revision files' headers alone (no database, no revision imported). */
export async function heads(input?: ConfigInput, options: HeadsOptions = {}): Promise<RevisionInfo[]> {
  const config = await resolveConfigInput(input);
  const graph = await loadGraph(config);
  return revisionInfos(graph, options.resolveDependencies ? graph.realHeads : graph.heads);
}

export interface HistoryOptions {
  /** `from:to`, either side optional (`-r`); may use `current`, which reads the database. */
  readonly range?: string;
  /** Mark the revisions in the version table (`-i`); reads the database. */
  readonly indicateCurrent?: boolean;
}

/** Revisions newest first. The database is read only when the range or `indicateCurrent` needs it. */
export async function history(input?: ConfigInput, options: HistoryOptions = {}): Promise<RevisionInfo[]> {
  const config = await resolveConfigInput(input);
  const graph = await loadGraph(config);
  const range = options.range?.trim() || undefined;
  if (range !== undefined) parseRange(range);
  const needsDatabase = options.indicateCurrent || (range !== undefined && range.split(":").some(namesCurrent));
  const rows = needsDatabase ? await withDatabase(config, (db) => readKnownRows(db, graph)) : [];
  return graph.walk(range, rows).map(infoFromEntry);
}

/**
 * Whether an identifier depends on the database's current revisions: `current`,
 * `<label>@current`, or a step counted from them (`+1`, `-2`, `<label>@-1`).
 */
export function namesCurrent(identifier: string): boolean {
  const text = identifier.trim();
  if (text === "current" || text.endsWith("@current")) return true;
  const relative = parseRelative(text);
  return relative !== null && relative.symbol === null;
}

/** The version rows, refusing rows that no revision file defines. */
export async function readKnownRows(db: Database, graph: RevisionGraph): Promise<string[]> {
  const rows = (await db.versionTable.read(db.conn)) ?? [];
  const unknown = rows.filter((r) => !graph.has(r));
  if (unknown.length > 0) {
    const what = unknown.length === 1 ? `revision ${unknown[0]}, which no revision file defines` : `revisions ${unknown.join(", ")}, which no revision file defines`;
    throw new AthanorError(
      "REVISION_NOT_FOUND",
      `the database ${db.display} is at ${what} (was the file deleted, or not pulled yet?); ` +
        `restore the file, or replace the rows with "athanor stamp --purge <revision>"`,
      { revision: unknown[0] },
    );
  }
  return rows;
}

/** Refuse to compare models with a database that is not at the heads: the diff would mislead. */
export async function requireAtHeads(db: Database, graph: RevisionGraph): Promise<void> {
  const rows = await readKnownRows(db, graph);
  // Applying every head leaves one row per real head: effective heads are covered by their dependents.
  const want = graph.realHeads;
  if (!sameSet(rows, want)) {
    throw new AthanorError("NOT_AT_HEAD", `target database is not up to date: it is at ${[...rows].sort().join(", ") || "base"}, the head is ${[...want].sort().join(", ") || "base"}; run "athanor upgrade head" first`);
  }
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const set = new Set(a);
  return set.size === new Set(b).size && b.every((x) => set.has(x));
}
