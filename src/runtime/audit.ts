import type { Connection } from "../dialects/dialect.js";
import type { RevisionGraph } from "../script/index.js";
import { revisionChecksum } from "./checksum.js";
import type { HistoryRow, HistoryTable } from "./history-table.js";
import type { VersionTable } from "./version-table.js";

/** An applied revision whose file is no longer the file that was applied. */
export interface ChangedRevision {
  readonly revision: string;
  readonly path: string;
  /** The checksum recorded when it was applied (or stamped), and the file's checksum now. */
  readonly recorded: string;
  readonly actual: string;
  readonly appliedAt: string;
}

/** A revision the database has applied that no revision file defines. */
export interface UnknownRevision {
  readonly revision: string;
  /** Where the database says so: a version-table row, or the history (applied, never reverted). */
  readonly source: "version table" | "history";
  readonly appliedAt: string | null;
}

export interface AuditFindings {
  readonly changed: readonly ChangedRevision[];
  readonly unknown: readonly UnknownRevision[];
  /** False when the database has no history table (migrated before the audit trail existed). */
  readonly hasHistory: boolean;
}

export interface AuditSource {
  readonly conn: Connection;
  readonly versionTable: VersionTable;
  readonly history: HistoryTable;
}

/**
 * What the history says is applied now: the last upgrade or stamp of each revision, dropped by
 * a later downgrade. A stamp of "base" (stamp base, or --purge, which empties the table first)
 * starts over.
 */
export function appliedByHistory(rows: readonly HistoryRow[]): Map<string, HistoryRow> {
  const applied = new Map<string, HistoryRow>();
  for (const row of rows) {
    if (row.direction === "downgrade") applied.delete(row.revision);
    else if (row.direction === "stamp" && row.revision === "base") applied.clear();
    else {
      applied.delete(row.revision); // re-insert so the latest application comes last
      applied.set(row.revision, row);
    }
  }
  return applied;
}

/**
 * Compares the database's record with the revision files: applied revisions whose file changed
 * since (by checksum, line endings normalized), and applied revisions no file defines.
 */
export async function verifyChecksums(db: AuditSource, graph: RevisionGraph): Promise<AuditFindings> {
  const rows = (await db.versionTable.read(db.conn)) ?? [];
  const historyRows = await db.history.read(db.conn);
  const known = rows.filter((r) => graph.has(r));
  const applied = graph.appliedFrom(known);
  const byHistory = appliedByHistory(historyRows ?? []);
  const unknown: UnknownRevision[] = rows.filter((r) => !graph.has(r))
    .map((revision) => ({ revision, source: "version table", appliedAt: byHistory.get(revision)?.appliedAt ?? null }));
  const changed: ChangedRevision[] = [];
  for (const [revision, entry] of byHistory) {
    if (!graph.has(revision)) {
      if (!rows.includes(revision)) unknown.push({ revision, source: "history", appliedAt: entry.appliedAt });
      continue;
    }
    if (!applied.has(revision) || entry.checksum === null) continue;
    const path = graph.get(revision).path;
    const actual = await revisionChecksum(path).catch(() => null);
    if (actual !== null && actual !== entry.checksum) {
      changed.push({ revision, path, recorded: entry.checksum, actual, appliedAt: entry.appliedAt });
    }
  }
  return { changed, unknown, hasHistory: historyRows !== null };
}

/** One line per finding, for `current -v` and `check`. */
export function describeFindings(findings: AuditFindings): string[] {
  return [
    ...findings.changed.map((c) => `revision ${c.revision} (${c.path}) changed after it was applied on ${c.appliedAt}: its checksum was ${c.recorded.slice(0, 12)}…, the file's is now ${c.actual.slice(0, 12)}…`),
    ...findings.unknown.map((u) => `revision ${u.revision} is applied in the database (${u.source}${u.appliedAt ? `, ${u.appliedAt}` : ""}) but no revision file defines it`),
  ];
}
