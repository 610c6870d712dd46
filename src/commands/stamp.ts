/** `stamp`: set the version table without running migrations, under the lock, recorded in the history. */
import type { ResolvedConfig } from "../config/load.js";
import type { Dialect } from "../dialects/dialect.js";
import { loadDialect } from "../dialects/index.js";
import { AthanorError } from "../errors.js";
import { revisionChecksum } from "../runtime/checksum.js";
import type { HistoryTable } from "../runtime/history-table.js";
import { sqlComment } from "../runtime/script.js";
import { stampRows } from "../runtime/stamp-rows.js";
import type { VersionTable } from "../runtime/version-table.js";
import type { RevisionGraph } from "../script/index.js";
import { loadGraph, requireUrl, resolveConfigInput, type ConfigInput } from "./context.js";
import { createTablesScript, ensureTables, splitRange, tablesOf, withLockedDatabase, type MigrateOptions, type MigrateResult } from "./migrate-shared.js";

export interface StampOptions extends MigrateOptions {
  /** Empty the version table first, even of revisions no file defines. */
  readonly purge?: boolean;
}

/**
 * `stamp <revs…>`: set the version table to these revisions without running any migration
 * (each change is recorded in the history). With `sql`, a "from:to" first target sets the start.
 */
export async function stamp(input: ConfigInput, targets: readonly string[], options: StampOptions = {}): Promise<MigrateResult> {
  const config = await resolveConfigInput(input);
  const graph = await loadGraph(config);
  if (targets.length === 0) throw new AthanorError("USAGE", "stamp needs at least one revision (e.g. head, base, <rev>)");
  if (options.sql) return stampOffline(config, graph, targets, options);
  return withLockedDatabase(config, options, async (db) => {
    const existing = await db.versionTable.read(db.conn);
    const rows = existing ?? [];
    const after = stampRows(graph, rows, targets, options.purge ?? false);
    const history = db.history;
    if (existing === null && after.length === 0) return { steps: [], heads: [] };
    await ensureTables(db, history, existing !== null, options.events);
    const started = Date.now();
    const statements = await stampStatements(graph, db.versionTable, history, rows, after, options.purge ?? false);
    const exec = async (sql: string) => {
      options.events?.onStatement?.(sql);
      await db.conn.execute(sql);
    };
    // One transaction where the dialect has them: the rows change all at once or not at all.
    const transactional = db.dialect.transactionalDdl;
    if (transactional) await exec(db.dialect.begin);
    try {
      for (const sql of statements(Date.now() - started)) await exec(sql);
      if (transactional) await exec(db.dialect.commit);
    } catch (e) {
      if (transactional) await db.conn.execute(db.dialect.rollback).catch(() => undefined);
      throw e;
    }
    return { steps: [], heads: after };
  });
}

/** The version-table and history statements of a stamp; the duration is known only at the end. */
async function stampStatements(
  graph: RevisionGraph, versionTable: VersionTable, history: HistoryTable,
  before: readonly string[], after: readonly string[], purge: boolean,
): Promise<(durationMs: number | null) => string[]> {
  const rowChanges = purge ? [versionTable.deleteAll(), ...versionTable.transition([], after)] : versionTable.transition(before, after);
  const added = after.filter((r) => purge || !before.includes(r));
  // A row per revision the stamp puts in place, after a "base" row when it empties the table.
  const recorded = [...(purge || after.length === 0 ? ["base"] : []), ...(added.length > 0 || after.length === 0 ? added : after)];
  const entries = await Promise.all(recorded.map(async (revision) => ({
    revision,
    checksum: graph.has(revision) ? await revisionChecksum(graph.get(revision).path).catch(() => null) : null,
  })));
  return (durationMs) => [
    ...rowChanges,
    ...entries.map((e) => history.insert({ revision: e.revision, direction: "stamp", durationMs, checksum: e.checksum })),
  ];
}

async function stampOffline(config: ResolvedConfig, graph: RevisionGraph, targets: readonly string[], options: StampOptions): Promise<MigrateResult> {
  const dialect: Dialect = await loadDialect(requireUrl(config).dialect);
  const [first, ...rest] = targets;
  const { from, to } = splitRange(first!);
  const startRows = from === null ? [] : graph.resolve(from, []);
  const after = stampRows(graph, startRows, [to, ...rest], options.purge ?? false);
  const { versionTable, history } = tablesOf(config, dialect);
  const lines: string[] = [];
  if (from === null) await createTablesScript(dialect, versionTable, history, lines);
  const statements = (await stampStatements(graph, versionTable, history, startRows, after, options.purge ?? false))(null);
  lines.push("", sqlComment(`Stamping ${startRows.join(", ") || "<base>"} -> ${after.join(", ") || "<base>"}`));
  if (dialect.transactionalDdl) lines.push(`${dialect.begin};`);
  lines.push(...statements.map((s) => `${s};`));
  if (dialect.transactionalDdl) lines.push(`${dialect.commit};`);
  return { steps: [], heads: after, script: lines.join("\n") + "\n" };
}
