import type { Command } from "commander";
import { current, heads, history } from "../../commands/status.js";
import type { CliContext } from "../context.js";

export function register(program: Command, ctx: () => CliContext): void {
  program.command("current").description("show the database's current revision").option("-v, --verbose", "more detail")
    .action(async (opts: { verbose?: boolean }) => {
      const c = ctx();
      const r = await current(c.config());
      if (c.globals.json) return c.out.out(JSON.stringify(r, null, 2));
      if (r.revisions.length === 0 && r.unknown.length === 0) c.out.out("<base> (no revision applied)");
      c.printRevisions(r.revisions, opts.verbose || c.globals.verbose);
      for (const u of r.unknown) c.out.out(c.out.red(`${u} (no revision file defines it)`));
    });

  program.command("heads").description("show the head revisions").option("-v, --verbose", "more detail")
    .action(async (opts: { verbose?: boolean }) => {
      const c = ctx();
      c.printRevisions(await heads(c.config()), opts.verbose || c.globals.verbose);
    });

  program.command("history").description("list revisions, newest first").option("-v, --verbose", "more detail")
    .action(async (opts: { verbose?: boolean }) => {
      const c = ctx();
      c.printRevisions(await history(c.config()), opts.verbose || c.globals.verbose);
    });
}
