import type { Command } from "commander";
import { check } from "../../commands/check.js";
import { describeFindings } from "../../runtime/audit.js";
import type { CliContext } from "../context.js";
import { describeOp } from "../describe.js";
import type { Output } from "../output.js";

export function register(program: Command, ctx: () => CliContext): void {
  program.command("check").description("exit 1 when the models differ from the database at head (a summary and a diff)")
    .action(async () => {
      const c = ctx();
      const r = await check(c.config());
      for (const w of r.warnings) c.out.err(c.out.yellow(`warning: ${w}`));
      if (c.globals.json) {
        c.out.out(JSON.stringify({ ok: r.ok, heads: r.heads, ops: r.ops, summary: r.ops.map(describeOp), warnings: r.warnings, diff: r.diff, audit: r.audit }, null, 2));
      } else if (r.ok) {
        c.out.out(c.out.green(`No changes: the models match the database at ${r.heads.join(", ") || "base"}.`));
      } else if (r.ops.length === 0) {
        c.out.out(c.out.green(`The models match the database at ${r.heads.join(", ") || "base"}, but its migration record does not match the revision files:`));
      } else {
        const n = r.ops.length;
        c.out.out(c.out.bold(c.out.red(`${n} change${n === 1 ? "" : "s"} in the models without a migration:`)));
        for (const op of r.ops) c.out.out(`  ${colorByMark(c.out, describeOp(op))}`);
        c.out.out("");
        for (const line of r.diff.split("\n")) c.out.out(colorDiffLine(c.out, line));
        c.out.out(c.out.dim(`Write a migration for them: athanor revision --autogenerate -m "..."`));
      }
      if (!c.globals.json) for (const line of describeFindings(r.audit)) c.out.out(c.out.red(`  ${line}`));
      if (!r.ok) c.setExitCode(1);
    });
}

function colorByMark(out: Output, line: string): string {
  if (line.startsWith("+")) return out.green(line);
  if (line.startsWith("-")) return out.red(line);
  if (line.startsWith("~") || line.startsWith("!")) return out.yellow(line);
  return line;
}

function colorDiffLine(out: Output, line: string): string {
  if (line.startsWith("+++") || line.startsWith("---")) return out.bold(line);
  if (line.startsWith("@@")) return out.cyan(line);
  return colorByMark(out, line);
}
