import { AthanorError, isAthanorError } from "../errors.js";
import type { RevisionGraph, Step } from "../script/index.js";

/**
 * The graph's plan for an upgrade or downgrade. `upgrade head` with several heads is the
 * common way to meet a branch, so that refusal says what to run instead.
 */
export function planMigration(graph: RevisionGraph, rows: readonly string[], direction: "up" | "down", target: string): Step[] {
  try {
    return direction === "up" ? graph.planUpgrade(rows, target) : graph.planDowngrade(rows, target);
  } catch (e) {
    if (direction === "up" && target.trim() === "head" && isAthanorError(e) && e.code === "MULTIPLE_HEADS") {
      const heads = graph.heads.map((id) => {
        const h = graph.get(id);
        return `${id}${h.branchLabels.length > 0 ? ` (${h.branchLabels.join(", ")})` : ""}${h.message ? ` "${h.message}"` : ""}`;
      });
      throw new AthanorError(
        "MULTIPLE_HEADS",
        `cannot upgrade to "head": there are ${heads.length} heads: ${heads.join(", ")}. ` +
          `Run "athanor upgrade heads" to apply every branch, "athanor upgrade <label>@head" for one of them, ` +
          `or join them with "athanor merge heads -m <message>" first`,
        { cause: e },
      );
    }
    throw e;
  }
}
