import { AthanorError } from "../errors.js";
import type { RevisionGraph } from "../script/index.js";

/**
 * The version rows after `stamp <targets…>`, as Alembic computes them: each target replaces the
 * rows on its own line of descent and rows on other branches stay; "base" alone clears the table;
 * --purge clears it first. The result is minimal (a target another target descends from drops out).
 */
export function stampRows(graph: RevisionGraph, current: readonly string[], targets: readonly string[], purge: boolean): string[] {
  const wanted = [...new Set(targets.flatMap((t) => graph.resolve(t, current.filter((r) => graph.has(r)))))];
  for (const [i, a] of wanted.entries()) {
    for (const b of wanted.slice(i + 1)) {
      if (graph.sharesLineage(a, b)) {
        throw new AthanorError("USAGE", `cannot stamp both ${a} and ${b}: one descends from the other; name only one of them`);
      }
    }
  }
  if (!purge) {
    const unknown = current.filter((r) => !graph.has(r));
    if (unknown.length > 0) {
      throw new AthanorError("REVISION_NOT_FOUND",
        `the database is at ${unknown.join(", ")}, which no revision file defines; use stamp --purge to replace it`, { revision: unknown[0] });
    }
  }
  const kept = purge || wanted.length === 0 ? [] : current.filter((row) => !wanted.some((w) => graph.sharesLineage(row, w)));
  return graph.versionRows(graph.appliedFrom([...kept, ...wanted])).sort();
}
