import type { Command } from "commander";
import { branches } from "../../commands/branches.js";
import type { CliContext } from "../context.js";
import { revisionLine, revisionLog } from "../revision-format.js";

export function register(program: Command, ctx: () => CliContext): void {
  program.command("branches").description("show the branch points and what each branches into")
    .option("-v, --verbose", "every header field")
    .action(async (opts: { verbose?: boolean }) => {
      const c = ctx();
      // -v is also the global "echo SQL" flag; commander gives it to whichever parses first.
      const verbose = Boolean(opts.verbose || c.globals.verbose);
      const r = await branches(c.config());
      if (c.globals.json) return c.out.out(JSON.stringify(r, null, 2));
      for (const point of r) {
        c.out.out(verbose ? revisionLog(point.revision) : revisionLine(point.revision, { branches: true, tree: true }, c.out.bold));
        const indent = " ".repeat(point.revision.revision.length);
        for (const child of point.branchesInto) c.out.out(`${indent} -> ${revisionLine(child, { branches: true, tree: true, message: verbose })}`);
        c.out.out("");
      }
    });
}
