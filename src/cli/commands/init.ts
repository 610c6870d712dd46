import type { Command } from "commander";
import { relative } from "node:path";
import { init } from "../../commands/init.js";
import { listTemplates } from "../../commands/templates.js";
import type { CliContext } from "../context.js";

export function register(program: Command, ctx: () => CliContext): void {
  program.command("init").description("create a migration environment").argument("[directory]", "folder for script.ts.tmpl and versions/", "migrations")
    .option("-t, --template <name>", "template to use", "generic")
    .action(async (dir: string, opts: { template: string }) => {
      const { out } = ctx();
      const r = await init(dir, { template: opts.template });
      for (const f of r.written) out.out(`  Created ${relative(process.cwd(), f) || f}`);
      if (r.configKept) out.out("  Kept the existing athanor.config.ts");
      out.out(`Edit athanor.config.ts (url, models), then run: athanor revision --autogenerate -m "first"`);
    });

  program.command("list-templates").description("list the available init templates").action(() => {
    const { out } = ctx();
    for (const t of listTemplates()) out.out(`${out.bold(t.name)}  ${t.description}`);
  });
}
