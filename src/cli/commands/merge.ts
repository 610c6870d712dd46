import type { Command } from "commander";
import { relative } from "node:path";
import { merge } from "../../commands/merge.js";
import type { CliContext } from "../context.js";

const collect = (value: string, previous: string[]): string[] => [...previous, value];

export function register(program: Command, ctx: () => CliContext): void {
  program.command("merge").description("write a revision that joins several heads into one")
    .argument("<revisions...>", "the heads to merge (\"heads\" for all of them)")
    .option("-m, --message <message>", "message")
    .option("--branch-label <label>", "a branch label for the merge revision (repeatable)", collect, [])
    .option("--rev-id <id>", "revision id to use instead of a random one")
    .action(async (revisions: string[], opts: { message?: string; branchLabel: string[]; revId?: string }) => {
      const c = ctx();
      const r = await merge(c.config(), revisions, opts);
      if (c.globals.json) return c.out.out(JSON.stringify(r, null, 2));
      c.out.out(`Generated ${relative(process.cwd(), r.path)} merging ${r.parents.join(", ")}`);
    });
}
