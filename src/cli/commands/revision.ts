import type { Command } from "commander";
import { relative } from "node:path";
import { revision } from "../../commands/revision.js";
import type { CliContext } from "../context.js";
import { describeOp } from "../describe.js";
import { terminalRenameResolver } from "../rename-prompt.js";

interface RevisionFlags {
  message?: string; autogenerate?: boolean; head?: string; splice?: boolean; branchLabel?: string[];
  dependsOn?: string[]; revId?: string; versionPath?: string; rename?: string[];
}

export function register(program: Command, ctx: () => CliContext): void {
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
    .action(async (opts: RevisionFlags) => {
      const c = ctx();
      // Prompt only where someone can answer: never with --json or without a terminal.
      const resolveRename = c.globals.json ? undefined : terminalRenameResolver();
      const r = await revision(c.config(), { ...opts, resolveRename });
      for (const w of r.warnings) c.out.err(c.out.yellow(`warning: ${w}`));
      if (c.globals.json) return c.out.out(JSON.stringify({ path: r.path, revision: r.revision, ops: r.ops.map(describeOp) }, null, 2));
      if (!r.path) return c.out.out("No changes detected: the models match the database; no revision written.");
      for (const op of r.ops) c.out.out(`  ${describeOp(op)}`);
      c.out.out(`Generated ${relative(process.cwd(), r.path)}`);
    });
}
