import type * as commander from "commander";
import { requirePackage } from "../../require-package.js";
import { downgrade, stamp, upgrade, type MigrateEvents, type MigrateOptions, type MigrateResult } from "../../commands/migrate.js";
import type { CliContext } from "../context.js";
import { withInterrupt } from "../interrupt.js";
import { unprotect } from "../relative-args.js";

const { InvalidArgumentError } = requirePackage("commander") as typeof commander;

function print(c: CliContext, r: MigrateResult, direction: string): void {
  if (r.script !== undefined) {
    process.stdout.write(r.script);
    return;
  }
  if (c.globals.json) return c.out.out(JSON.stringify(r, null, 2));
  if (direction === "stamp") c.out.err(c.out.green(`Stamped: the database is now at ${r.heads.join(", ") || "base"}.`));
  else if (r.steps.length === 0) c.out.err(`Nothing to ${direction}: the database is at ${r.heads.join(", ") || "base"}.`);
  else c.out.err(c.out.green(`Done: ${r.steps.length} revision${r.steps.length === 1 ? "" : "s"}; now at ${r.heads.join(", ") || "base"}.`));
}

function seconds(value: string): number {
  const n = Number(value);
  if (value.trim() === "" || !Number.isFinite(n) || n < 0) throw new InvalidArgumentError("expected a number of seconds (0 or more)");
  return n;
}

interface RunFlags {
  sql?: boolean;
  lockTimeout?: number;
}

/** Runs a migrating command: offline it just prints; online it waits for the lock and stops cleanly on Ctrl-C. */
async function run(c: CliContext, flags: RunFlags, direction: string, fn: (o: MigrateOptions) => Promise<MigrateResult>): Promise<void> {
  if (flags.sql) return print(c, await fn({ sql: true }), direction);
  const events: MigrateEvents = {
    ...c.events(),
    onLockWait: () => c.out.err(c.out.yellow("Another athanor run holds the migration lock; waiting for it to finish...")),
  };
  const result = await withInterrupt(c.out, (signal) => fn({ events, signal, lockTimeout: flags.lockTimeout }));
  print(c, result, direction);
}

const LOCK_TIMEOUT_HELP = "seconds to wait for another run's migration lock (default: config lockTimeout, 300)";

export function register(program: commander.Command, ctx: () => CliContext): void {
  program.command("upgrade").description("upgrade to a later revision").argument("[revision]", "target (head, heads, +N, <rev>, from:to with --sql)", "heads")
    .option("--sql", "print the SQL script instead of running it")
    .option("--lock-timeout <seconds>", LOCK_TIMEOUT_HELP, seconds)
    .action(async (target: string, opts: RunFlags) => {
      const c = ctx();
      await run(c, opts, "upgrade", (o) => upgrade(c.config(), unprotect(target), o));
    });

  program.command("downgrade").description("revert to an earlier revision").argument("<revision>", "target (-N, base, <rev>, from:to with --sql)")
    .option("--sql", "print the SQL script instead of running it")
    .option("--lock-timeout <seconds>", LOCK_TIMEOUT_HELP, seconds)
    .action(async (target: string, opts: RunFlags) => {
      const c = ctx();
      await run(c, opts, "downgrade", (o) => downgrade(c.config(), unprotect(target), o));
    });

  program.command("stamp").description("set the version table to revisions without running migrations")
    .argument("<revisions...>", "revisions to stamp (head, base, <rev>…; from:to first with --sql)")
    .option("--purge", "empty the version table first (also of revisions no file defines)")
    .option("--sql", "print the SQL script instead of running it")
    .option("--lock-timeout <seconds>", LOCK_TIMEOUT_HELP, seconds)
    .action(async (revisions: string[], opts: RunFlags & { purge?: boolean }) => {
      const c = ctx();
      await run(c, opts, "stamp", (o) => stamp(c.config(), revisions.map(unprotect), { ...o, purge: opts.purge }));
    });
}
