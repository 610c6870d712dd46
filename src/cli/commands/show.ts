import type { Command } from "commander";
import { show } from "../../commands/show.js";
import type { CliContext } from "../context.js";
import { unprotect } from "../relative-args.js";
import { revisionLog } from "../revision-format.js";

export function register(program: Command, ctx: () => CliContext): void {
  program.command("show").description("show a revision's header (any identifier: an id, a prefix, heads, <label>@head, current…)")
    .argument("<revision>", "the revision(s) to show")
    .action(async (identifier: string) => {
      const c = ctx();
      const r = await show(c.config(), unprotect(identifier));
      if (c.globals.json) return c.out.out(JSON.stringify(r, null, 2));
      if (r.length === 0) c.out.out("<base> (no revision)");
      for (const rev of r) c.out.out(revisionLog(rev));
    });
}
