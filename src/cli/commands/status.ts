import type { Command } from "commander";
import { current, heads, history } from "../../commands/status.js";
import { describeFindings } from "../../runtime/audit.js";
import type { CliContext } from "../context.js";
import { unprotect } from "../relative-args.js";
import { revisionLine, revisionLog } from "../revision-format.js";

const json = (c: CliContext, data: unknown): void => c.out.out(JSON.stringify(data, null, 2));

export function register(program: Command, ctx: () => CliContext): void {
  program.command("current").description("show the database's current revisions")
    .option("-v, --verbose", "every header field")
    .option("--check-heads", "exit 1 unless every head is applied")
    .action(async (opts: { verbose?: boolean; checkHeads?: boolean }) => {
      const c = ctx();
      // -v is also the global "echo SQL" flag; commander gives it to whichever parses first.
      const verbose = Boolean(opts.verbose || c.globals.verbose);
      const r = await current(c.config(), { checkHeads: opts.checkHeads, verify: verbose });
      if (c.globals.json) return json(c, r);
      if (verbose) c.out.out(`Current revision(s) for ${r.database}:`);
      if (r.revisions.length === 0) c.out.out("<base> (no revision applied)");
      for (const rev of r.revisions) c.out.out(verbose ? revisionLog(rev) : revisionLine(rev, { branches: true, tree: true }, c.out.bold));
      for (const line of r.audit ? describeFindings(r.audit) : []) c.out.out(c.out.yellow(`warning: ${line}`));
    });

  program.command("heads").description("show the head revisions (read from the files' headers)")
    .option("-v, --verbose", "every header field")
    .option("--resolve-dependencies", "leave out heads that other revisions depend on")
    .action(async (opts: { verbose?: boolean; resolveDependencies?: boolean }) => {
      const c = ctx();
      // -v is also the global "echo SQL" flag; commander gives it to whichever parses first.
      const verbose = Boolean(opts.verbose || c.globals.verbose);
      const r = await heads(c.config(), { resolveDependencies: opts.resolveDependencies });
      if (c.globals.json) return json(c, r);
      for (const rev of r) c.out.out(verbose ? revisionLog(rev) : revisionLine(rev, { branches: true }, c.out.bold));
    });

  program.command("history").description("list revisions, newest first")
    .option("-r, --rev-range <from:to>", "only this range (either end optional; e.g. base:head, ae10:, :current)")
    .option("-v, --verbose", "every header field")
    .option("-i, --indicate-current", "mark the database's current revisions (reads the database)")
    .action(async (opts: { revRange?: string; verbose?: boolean; indicateCurrent?: boolean }) => {
      const c = ctx();
      // -v is also the global "echo SQL" flag; commander gives it to whichever parses first.
      const verbose = Boolean(opts.verbose || c.globals.verbose);
      const range = opts.revRange === undefined ? undefined : unprotect(opts.revRange);
      const r = await history(c.config(), { range, indicateCurrent: opts.indicateCurrent });
      if (c.globals.json) return json(c, r);
      // One write: thousands of small writes cost more than formatting the lines.
      const lines = r.map((rev) => verbose ? revisionLog(rev) : revisionLine(rev, { parents: true, branches: true, tree: true, message: true }, c.out.bold));
      if (lines.length > 0) c.out.out(lines.join("\n"));
    });
}
