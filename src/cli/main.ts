import { Command, CommanderError } from "commander";
import { readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { check } from "../commands/check.js";
import type { ConfigInput } from "../commands/context.js";
import { init } from "../commands/init.js";
import { downgrade, upgrade, type MigrateResult } from "../commands/migrate.js";
import { revision } from "../commands/revision.js";
import { current, heads, history, type RevisionInfo } from "../commands/status.js";
import { listTemplates } from "../commands/templates.js";
import { scrubPassword } from "../config/url.js";
import { isAthanorError, messageOf } from "../errors.js";
import type { RunnerEvents } from "../runtime/runner.js";
import { describeOp } from "./describe.js";
import { makeOutput, type Output } from "./output.js";

interface GlobalOptions {
  config?: string;
  url?: string;
  json?: boolean;
  verbose?: boolean;
  color?: boolean;
}

/** "-1" and "+2" are revision identifiers, not options: hide them from the option parser. */
const REL = "\u0000rel:";
function protectRelative(argv: readonly string[]): string[] {
  return argv.map((a) => (/^-\d+$/.test(a) ? REL + a : a));
}
const unprotect = (a: string | undefined) => (a?.startsWith(REL) ? a.slice(REL.length) : a);

function packageVersion(): string {
  const pkg = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "package.json");
  return (JSON.parse(readFileSync(pkg, "utf8")) as { version: string }).version;
}

/** Runs the CLI; returns the exit code. Only this module prints and decides exit codes. */
export async function main(argv: readonly string[]): Promise<number> {
  let o: Output = makeOutput();
  let exitCode = 0;
  const program = new Command("athanor")
    .description("Alembic-grade schema migrations for TypeScript")
    .version(packageVersion(), "--version")
    .option("-c, --config <file>", "config file (default: athanor.config.ts in this folder or above)")
    .option("--url <url>", "database URL (overrides DATABASE_URL and the config)")
    .option("--json", "print data as JSON")
    .option("-v, --verbose", "echo SQL as it runs")
    .option("--no-color", "no colors (also NO_COLOR)")
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s), writeOut: (s) => process.stdout.write(s) })
    .hook("preAction", (cmd) => {
      o = makeOutput({ color: cmd.opts<GlobalOptions>().color });
    });

  const g = (): GlobalOptions => program.opts<GlobalOptions>();
  const cfg = (): ConfigInput => ({ configFile: g().config, url: g().url });
  const events = (): RunnerEvents => ({
    onStepStart: (s) => o.err(`${o.cyan(s.direction === "up" ? "Running upgrade" : "Running downgrade")} ${s.rowsBefore.join(", ") || "<base>"} -> ${s.rowsAfter.join(", ") || "<base>"}, ${s.revision.message}`),
    onStatement: g().verbose ? (sql) => o.err(o.dim(sql)) : undefined,
  });
  const printRevs = (revs: readonly RevisionInfo[], verbose = false) => {
    if (g().json) return o.out(JSON.stringify(revs, null, 2));
    for (const r of revs) {
      o.out(`${o.bold(r.revision)}${r.isHead ? " (head)" : ""} ${r.message}`);
      if (verbose) o.out(o.dim(`  Revises: ${r.downRevisions.join(", ") || "<base>"}\n  Path: ${relative(process.cwd(), r.path)}`));
    }
  };
  const printMigrate = (r: MigrateResult, direction: string) => {
    if (r.script !== undefined) return process.stdout.write(r.script);
    if (g().json) return o.out(JSON.stringify(r, null, 2));
    if (r.steps.length === 0) o.err(`Nothing to ${direction}: the database is at ${r.heads.join(", ") || "base"}.`);
    else o.err(o.green(`Done: ${r.steps.length} revision${r.steps.length === 1 ? "" : "s"}; now at ${r.heads.join(", ") || "base"}.`));
  };

  program.command("init").description("create a migration environment").argument("[directory]", "folder for script.ts.tmpl and versions/", "migrations")
    .option("-t, --template <name>", "template to use", "generic")
    .action(async (dir: string, opts: { template: string }) => {
      const r = await init(dir, { template: opts.template });
      for (const f of r.written) o.out(`  Created ${relative(process.cwd(), f) || f}`);
      if (r.configKept) o.out("  Kept the existing athanor.config.ts");
      o.out(`Edit athanor.config.ts (url, models), then run: athanor revision --autogenerate -m "first"`);
    });

  program.command("list-templates").description("list the available init templates").action(() => {
    for (const t of listTemplates()) o.out(`${o.bold(t.name)}  ${t.description}`);
  });

  program.command("revision").description("write a new revision file")
    .option("-m, --message <message>", "message")
    .option("--autogenerate", "compare the models with the database and write the ops")
    .option("--head <rev>", "the parent revision (default: head)")
    .option("--splice", "allow a parent that is not a head")
    .option("--branch-label <label...>", "branch labels")
    .option("--depends-on <rev...>", "revisions this one depends on")
    .option("--rev-id <id>", "revision id to use instead of a random one")
    .option("--version-path <dir>", "folder to write into")
    .option("--rename <old=new...>", "rename hint: table.old=new (column) or old=new (table)")
    .action(async (opts: { message?: string; autogenerate?: boolean; head?: string; splice?: boolean; branchLabel?: string[]; dependsOn?: string[]; revId?: string; versionPath?: string; rename?: string[] }) => {
      const r = await revision(cfg(), opts);
      for (const w of r.warnings) o.err(o.yellow(`warning: ${w}`));
      if (g().json) return o.out(JSON.stringify({ path: r.path, revision: r.revision, ops: r.ops.map(describeOp) }, null, 2));
      if (!r.path) return o.out("No changes detected: the models match the database; no revision written.");
      for (const op of r.ops) o.out(`  ${describeOp(op)}`);
      o.out(`Generated ${relative(process.cwd(), r.path)}`);
    });

  program.command("upgrade").description("upgrade to a later revision").argument("[revision]", "target (head, heads, +N, <rev>, from:to with --sql)", "heads")
    .option("--sql", "print the SQL script instead of running it")
    .action(async (target: string, opts: { sql?: boolean }) => {
      printMigrate(await upgrade(cfg(), unprotect(target)!, { sql: opts.sql, events: opts.sql ? {} : events() }), "upgrade");
    });

  program.command("downgrade").description("revert to an earlier revision").argument("<revision>", "target (-N, base, <rev>, from:to with --sql)")
    .option("--sql", "print the SQL script instead of running it")
    .action(async (target: string, opts: { sql?: boolean }) => {
      printMigrate(await downgrade(cfg(), unprotect(target)!, { sql: opts.sql, events: opts.sql ? {} : events() }), "downgrade");
    });

  program.command("current").description("show the database's current revision").option("-v, --verbose", "more detail")
    .action(async (opts: { verbose?: boolean }) => {
      const r = await current(cfg());
      if (g().json) return o.out(JSON.stringify(r, null, 2));
      if (r.revisions.length === 0 && r.unknown.length === 0) o.out("<base> (no revision applied)");
      printRevs(r.revisions, opts.verbose || g().verbose);
      for (const u of r.unknown) o.out(o.red(`${u} (no revision file defines it)`));
    });

  program.command("heads").description("show the head revisions").option("-v, --verbose", "more detail")
    .action(async (opts: { verbose?: boolean }) => printRevs(await heads(cfg()), opts.verbose || g().verbose));

  program.command("history").description("list revisions, newest first").option("-v, --verbose", "more detail")
    .action(async (opts: { verbose?: boolean }) => printRevs(await history(cfg()), opts.verbose || g().verbose));

  program.command("check").description("exit 1 when the models differ from the database at head")
    .action(async () => {
      const r = await check(cfg());
      for (const w of r.warnings) o.err(o.yellow(`warning: ${w}`));
      if (g().json) o.out(JSON.stringify({ ok: r.ok, ops: r.ops }, null, 2));
      else if (r.ok) o.out(o.green("No changes: the models match the database."));
      else {
        o.out(o.red(`${r.ops.length} pending change${r.ops.length === 1 ? "" : "s"} without a migration:`));
        for (const op of r.ops) o.out(`  ${describeOp(op)}`);
      }
      if (!r.ok) exitCode = 1;
    });

  try {
    await program.parseAsync(protectRelative(argv), { from: "user" });
    return exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.exitCode === 0 ? 0 : 2;
    }
    const url = null;
    const text = scrubPassword(messageOf(e), url);
    o.err(o.red(`error: ${text}`));
    if (isAthanorError(e)) return e.exitCode;
    if (process.env.ATHANOR_DEBUG && e instanceof Error && e.stack) o.err(e.stack);
    return 3;
  }
}
