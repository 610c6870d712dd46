import { contents, listWords, takeInventory } from "./inventory.js";
import { downgradeTo, upgradeTo } from "./migrate-step.js";
import { revisionLabel } from "./order.js";
import { CheckFailure, type SuiteCheck } from "./types.js";

/**
 * Upgrade to the heads, then downgrade to base: nothing may remain besides the version table.
 * The upgrade goes one revision at a time, noting what each one creates, so that a leftover
 * names the revision whose downgrade forgot it.
 */
export const cleanDowngrade: SuiteCheck = {
  name: "clean-downgrade",
  description: "downgrade to base leaves nothing behind",
  usesDatabase: true,
  async run(ctx) {
    if (ctx.order.length === 0) return { status: "passed", message: "no revisions to run" };
    const db = await ctx.workspace.empty();
    const createdBy = new Map<string, string>();
    for (const o of contents(await takeInventory(db, ctx.dialect))) createdBy.set(o, "");
    for (const rev of ctx.order) {
      await upgradeTo(ctx, db, rev.revision);
      for (const o of contents(await takeInventory(db, ctx.dialect))) if (!createdBy.has(o)) createdBy.set(o, rev.revision);
    }
    await downgradeTo(ctx, db, "base");
    const left = contents(await takeInventory(db, ctx.dialect));
    if (left.length === 0) {
      ctx.workspace.settle("empty");
      return { status: "passed", message: `nothing left after downgrading ${ctx.order.length} revision${ctx.order.length === 1 ? "" : "s"} to base` };
    }
    const byRevision = new Map<string, string[]>();
    for (const o of left) {
      const rev = createdBy.get(o) ?? "";
      byRevision.set(rev, [...(byRevision.get(rev) ?? []), o]);
    }
    const parts = [...byRevision].map(([rev, objects]) => rev === ""
      ? `${listWords(objects)} existed before the first revision`
      : `the downgrade of ${revisionLabel(ctx.graph, rev)} does not remove ${listWords(objects)}`);
    throw new CheckFailure(`downgrade to base left ${listWords(left)} behind: ${parts.join("; ")}`);
  },
};
