import { describeDifferences, differences, takeInventory } from "./inventory.js";
import { downgradeTo, upgradeTo } from "./migrate-step.js";
import { revisionLabel } from "./order.js";
import { emptyDatabase } from "./prepare.js";
import { CheckFailure, type SuiteCheck } from "./types.js";

/**
 * Every revision, in order: upgrade it, downgrade it, upgrade it again. The downgrade must
 * give back exactly the schema the upgrade started from, and the second upgrade must work on
 * what the downgrade left: that is what a rollback in production relies on.
 */
export const stairway: SuiteCheck = {
  name: "stairway",
  description: "each revision up, down, and up again",
  usesDatabase: true,
  needs: ["upgrade"],
  async run(ctx) {
    if (ctx.order.length === 0) return { status: "passed", message: "no revisions to run" };
    const db = await emptyDatabase(ctx);
    for (const rev of ctx.order) {
      const label = revisionLabel(ctx.graph, rev.revision);
      const before = await takeInventory(db, ctx.dialect);
      await upgradeTo(ctx, db, rev.revision);
      await downgradeTo(ctx, db, stepBack(rev.revision, rev.downRevisions));
      const after = await takeInventory(db, ctx.dialect);
      const wrong = describeDifferences(differences(after, before, ctx.dialect));
      if (wrong !== null) throw new CheckFailure(`downgrade of ${label} ${wrong}`);
      await upgradeTo(ctx, db, rev.revision, "second upgrade (after its downgrade)");
    }
    ctx.workspace.settle("heads");
    const n = ctx.order.length;
    return { status: "passed", message: `${n} revision${n === 1 ? "" : "s"} up, down and up again` };
  },
};

/**
 * The downgrade target that undoes `revision` alone: its parent scoped to its own line
 * ("<rev>@<parent>", "<rev>@base"), so a sibling branch applied beside it stays.
 */
function stepBack(revision: string, parents: readonly string[]): string {
  return `${revision}@${parents[0] ?? "base"}`;
}
