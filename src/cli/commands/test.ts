import type { Command } from "commander";
import { runSuite, SUITE_CHECK_NAMES, type CheckReport } from "../../commands/suite/index.js";
import type { CliContext } from "../context.js";
import type { Output } from "../output.js";

export function register(program: Command, ctx: () => CliContext): void {
  program.command("test").argument("[checks...]", `run only these (${SUITE_CHECK_NAMES.join(", ")})`)
    .description("the CI suite, on a scratch database it creates and drops: single head, upgrade, models match, stairway, clean downgrade")
    .action(async (only: string[]) => {
      const c = ctx();
      const json = Boolean(c.globals.json);
      const width = Math.max(...SUITE_CHECK_NAMES.map((n) => n.length));
      const r = await runSuite(c.config(), {
        only,
        events: c.globals.verbose ? { onStatement: c.events().onStatement } : undefined,
        onCheckDone: json ? undefined : (report) => c.out.out(line(c.out, report, width)),
      });
      if (json) c.out.out(JSON.stringify(r, null, 2));
      else c.out.out(summary(c.out, r.checks));
      if (!r.ok) c.setExitCode(1);
    });
}

const MARKS = { passed: "✓", failed: "✗", skipped: "-" } as const;

/** "✓ stairway         1.2 s  3 revisions up, down and up again" */
function line(out: Output, r: CheckReport, width: number): string {
  const mark = MARKS[r.status];
  const head = `${mark} ${r.name.padEnd(width)}  ${duration(r.ms).padStart(7)}`;
  const colored = r.status === "passed" ? out.green(head) : r.status === "failed" ? out.red(out.bold(head)) : out.yellow(head);
  const message = r.status === "skipped" ? `skipped: ${r.message}` : r.message;
  return `${colored}  ${r.status === "failed" ? message : out.dim(message)}`;
}

function duration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

function summary(out: Output, reports: readonly CheckReport[]): string {
  const count = (s: CheckReport["status"]) => reports.filter((r) => r.status === s).length;
  const failed = count("failed");
  const parts = [`${count("passed")} passed`, `${failed} failed`];
  if (count("skipped") > 0) parts.push(`${count("skipped")} skipped`);
  const text = parts.join(", ");
  return failed > 0 ? out.red(out.bold(text)) : out.green(text);
}
