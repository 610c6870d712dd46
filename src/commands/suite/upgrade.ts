import { upgradeTo } from "./migrate-step.js";
import { emptyDatabase } from "./prepare.js";
import { revisionLabel } from "./order.js";
import type { SuiteCheck } from "./types.js";

/** What a new environment (a developer's laptop, a fresh staging database) runs first. */
export const upgradeFromBase: SuiteCheck = {
  name: "upgrade",
  description: "upgrade from base to the heads on an empty database",
  usesDatabase: true,
  async run(ctx) {
    if (ctx.order.length === 0) return { status: "passed", message: "no revisions to run" };
    const db = await emptyDatabase(ctx);
    await upgradeTo(ctx, db, "heads");
    ctx.workspace.settle("heads");
    const n = ctx.order.length;
    return { status: "passed", message: `base → ${ctx.graph.heads.map((h) => revisionLabel(ctx.graph, h)).join(", ")} (${n} revision${n === 1 ? "" : "s"})` };
  },
};
