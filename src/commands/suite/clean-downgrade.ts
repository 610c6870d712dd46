import type { ResolvedConfig } from "../../config/load.js";
import { contents, listWords, takeInventory } from "./inventory.js";
import { downgradeTo, upgradeTo } from "./migrate-step.js";
import { revisionLabel } from "./order.js";
import { CheckFailure, type SuiteCheck, type SuiteContext } from "./types.js";

/**
 * Upgrade to the heads, then downgrade to base: nothing may remain besides the version table.
 * To name the revision whose downgrade forgot something, the upgrade goes one revision at a
 * time on a fresh database, noting what each one creates; a database the previous check left
 * at the heads is used as it is, and the chain is replayed that way only when something is left.
 */
export const cleanDowngrade: SuiteCheck = {
  name: "clean-downgrade",
  description: "downgrade to base leaves nothing behind",
  usesDatabase: true,
  needs: ["upgrade"],
  async run(ctx) {
    const n = ctx.order.length;
    if (n === 0) return { status: "passed", message: "no revisions to run" };
    const reused = ctx.workspace.reuseAtHeads();
    let left = reused === null ? null : await leftAfterDowngrade(ctx, reused);
    let createdBy = new Map<string, string>();
    if (left === null || left.length > 0) {
      const db = await ctx.workspace.empty();
      createdBy = await upgradeNoting(ctx, db);
      left = await leftAfterDowngrade(ctx, db);
    }
    if (left.length === 0) {
      ctx.workspace.settle("empty");
      return { status: "passed", message: `nothing left after downgrading ${n} revision${n === 1 ? "" : "s"} to base` };
    }
    const byRevision = new Map<string, string[]>();
    for (const o of left) {
      const rev = createdBy.get(o) ?? "";
      byRevision.set(rev, [...(byRevision.get(rev) ?? []), o]);
    }
    const parts = [...byRevision].map(([rev, objects]) => rev === ""
      ? `no revision's upgrade creates ${listWords(objects)}`
      : `the downgrade of ${revisionLabel(ctx.graph, rev)} does not remove ${listWords(objects)}`);
    throw new CheckFailure(`downgrade to base left ${listWords(left)} behind: ${parts.join("; ")}`);
  },
};

async function leftAfterDowngrade(ctx: SuiteContext, db: ResolvedConfig): Promise<string[]> {
  await downgradeTo(ctx, db, "base");
  return contents(await takeInventory(db, ctx.dialect));
}

/** Upgrades one revision at a time, noting which revision's upgrade first made each object. */
async function upgradeNoting(ctx: SuiteContext, db: ResolvedConfig): Promise<Map<string, string>> {
  const createdBy = new Map<string, string>();
  for (const rev of ctx.order) {
    await upgradeTo(ctx, db, rev.revision);
    for (const o of contents(await takeInventory(db, ctx.dialect))) if (!createdBy.has(o)) createdBy.set(o, rev.revision);
  }
  return createdBy;
}
