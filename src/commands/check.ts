import type * as jsdiff from "diff";
import { AthanorError } from "../errors.js";
import type { Op } from "../operations/types.js";
import { verifyChecksums, type AuditFindings } from "../runtime/audit.js";
import type { RevisionGraph } from "../script/index.js";
import type { ResolvedConfig } from "../config/load.js";
import type { ModelsSource } from "./compiled-models.js";
import { loadGraph, resolveConfigInput, withDatabase, type ConfigInput, type Database } from "./context.js";
import { diffModels, modelsOf } from "./model-diff.js";
import { renderSchemaText } from "./schema-text.js";
import { requireAtHeads } from "./status.js";
import { requirePackage } from "../require-package.js";

export interface CheckResult {
  /** True when the models match the database at head. */
  readonly ok: boolean;
  /** The head the database is at (none when there are no revisions yet). */
  readonly heads: readonly string[];
  /** What autogenerate would write: the changes that have no migration yet. */
  readonly ops: readonly Op[];
  readonly warnings: readonly string[];
  /**
   * A unified diff from the schema as the database has it ("database") to the schema as the
   * models describe it ("models"); empty when ok.
   */
  readonly diff: string;
  /** Applied revisions whose file changed since, or that no file defines (either makes ok false). */
  readonly audit: AuditFindings;
}

/**
 * `athanor check`: would autogenerate write anything? Refuses (NOT_AT_HEAD, exit 1) when the
 * revisions have several heads or the database is not at the head: either way the comparison
 * would blame the models for what is only an unapplied or unmerged revision.
 */
export async function check(input?: ConfigInput): Promise<CheckResult> {
  const config = await resolveConfigInput(input);
  const graph = await loadGraph(config);
  requireSingleHead(graph);
  const models = await modelsOf(config);
  try {
    return await withDatabase(config, (db) => checkAgainst(db, config, graph, models));
  } finally {
    models.close?.();
  }
}

async function checkAgainst(db: Database, config: ResolvedConfig, graph: RevisionGraph, models: ModelsSource): Promise<CheckResult> {
  await requireAtHeads(db, graph);
  const result = await diffModels(config, db, [], undefined, models);
  const audit = await verifyChecksums(db, graph);
  const ok = result.ops.length === 0 && audit.changed.length === 0 && audit.unknown.length === 0;
  const diff = result.ops.length === 0 ? "" : unifiedDiff(
    renderSchemaText(result.database, db.dialect),
    renderSchemaText(result.model, db.dialect),
  );
  return { ok, heads: graph.heads, ops: result.ops, warnings: result.warnings, diff, audit };
}

function requireSingleHead(graph: RevisionGraph): void {
  const heads = graph.heads;
  if (heads.length <= 1) return;
  const list = heads.map((h) => `${h} "${graph.get(h).message}"`).join(", ");
  throw new AthanorError(
    "NOT_AT_HEAD",
    `cannot check: the revisions have ${heads.length} heads (${list}); the models can only be compared with one head. ` +
      `Merge them into one revision first`,
    { revision: heads[0] },
  );
}

function unifiedDiff(database: string, models: string): string {
  // Loaded only when there is something to show: most checks find nothing.
  const { createTwoFilesPatch } = requirePackage("diff") as typeof jsdiff;
  const patch = createTwoFilesPatch("database", "models", database, models, undefined, undefined, { context: 3 });
  // The first line is a row of "=" that says nothing in a terminal or a CI log.
  return patch.split("\n").filter((line, i) => !(i === 0 && /^=+$/.test(line))).join("\n");
}
