import { withDatabase } from "../context.js";
import { diffModels } from "../model-diff.js";
import { describeChange } from "./describe-change.js";
import { listWords } from "./inventory.js";
import { databaseAtHeads } from "./prepare.js";
import { revisionLabel } from "./order.js";
import { CheckFailure, type SuiteCheck } from "./types.js";

/** A model change with no migration: what `athanor check` finds, here on a database built from the revisions alone. */
export const modelsMatch: SuiteCheck = {
  name: "models-match",
  description: "the models equal the database at the heads",
  usesDatabase: true,
  needs: ["upgrade"],
  async run(ctx) {
    if (ctx.config.models === null) return { status: "skipped", message: "no models configured" };
    const config = await databaseAtHeads(ctx);
    const diff = await withDatabase(config, (target) => diffModels(config, target));
    ctx.workspace.settle("heads");
    const at = ctx.graph.heads.map((h) => revisionLabel(ctx.graph, h)).join(", ") || "base";
    if (diff.ops.length === 0) return { status: "passed", message: `the models match the database at ${at}` };
    const n = diff.ops.length;
    const changes = diff.ops.map((op) => {
      const c = describeChange(op);
      return `${c.action} ${c.what}`;
    });
    throw new CheckFailure(
      `the models differ from the database at ${at}: ${n} change${n === 1 ? "" : "s"} without a migration (${listWords(changes)}); ` +
        `write one with athanor revision --autogenerate`,
    );
  },
};
