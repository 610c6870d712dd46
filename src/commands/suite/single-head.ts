import { revisionLabel } from "./order.js";
import { CheckFailure, type SuiteCheck } from "./types.js";

/** Two heads mean two developers' revisions that nobody merged: `upgrade head` refuses them. */
export const singleHead: SuiteCheck = {
  name: "single-head",
  description: "the revisions have one head",
  usesDatabase: false,
  async run({ graph }) {
    const heads = graph.heads;
    if (heads.length === 0) return { status: "passed", message: "no revisions yet" };
    if (heads.length === 1) return { status: "passed", message: `one head: ${revisionLabel(graph, heads[0]!)}` };
    throw new CheckFailure(
      `${heads.length} heads: ${heads.map((h) => revisionLabel(graph, h)).join(", ")}; ` +
        `merge them into one revision (athanor merge heads -m "merge")`,
    );
  },
};
