import type { Command } from "commander";
import { check } from "../../commands/check.js";
import type { CliContext } from "../context.js";
import { describeOp } from "../describe.js";

export function register(program: Command, ctx: () => CliContext): void {
  program.command("check").description("exit 1 when the models differ from the database at head")
    .action(async () => {
      const c = ctx();
      const r = await check(c.config());
      for (const w of r.warnings) c.out.err(c.out.yellow(`warning: ${w}`));
      if (c.globals.json) c.out.out(JSON.stringify({ ok: r.ok, ops: r.ops }, null, 2));
      else if (r.ok) c.out.out(c.out.green("No changes: the models match the database."));
      else {
        c.out.out(c.out.red(`${r.ops.length} pending change${r.ops.length === 1 ? "" : "s"} without a migration:`));
        for (const op of r.ops) c.out.out(`  ${describeOp(op)}`);
      }
      if (!r.ok) c.setExitCode(1);
    });
}
