import type { Command } from "commander";
import { downgrade, upgrade, type MigrateResult } from "../../commands/migrate.js";
import type { CliContext } from "../context.js";
import { unprotect } from "../relative-args.js";

function print(c: CliContext, r: MigrateResult, direction: string): void {
  if (r.script !== undefined) {
    process.stdout.write(r.script);
    return;
  }
  if (c.globals.json) return c.out.out(JSON.stringify(r, null, 2));
  if (r.steps.length === 0) c.out.err(`Nothing to ${direction}: the database is at ${r.heads.join(", ") || "base"}.`);
  else c.out.err(c.out.green(`Done: ${r.steps.length} revision${r.steps.length === 1 ? "" : "s"}; now at ${r.heads.join(", ") || "base"}.`));
}

export function register(program: Command, ctx: () => CliContext): void {
  program.command("upgrade").description("upgrade to a later revision").argument("[revision]", "target (head, heads, +N, <rev>, from:to with --sql)", "heads")
    .option("--sql", "print the SQL script instead of running it")
    .action(async (target: string, opts: { sql?: boolean }) => {
      const c = ctx();
      print(c, await upgrade(c.config(), unprotect(target), { sql: opts.sql, events: opts.sql ? {} : c.events() }), "upgrade");
    });

  program.command("downgrade").description("revert to an earlier revision").argument("<revision>", "target (-N, base, <rev>, from:to with --sql)")
    .option("--sql", "print the SQL script instead of running it")
    .action(async (target: string, opts: { sql?: boolean }) => {
      const c = ctx();
      print(c, await downgrade(c.config(), unprotect(target), { sql: opts.sql, events: opts.sql ? {} : c.events() }), "downgrade");
    });
}
