import type { Command } from "commander";
import { relative } from "node:path";
import { pull } from "../../commands/pull.js";
import type { CliContext } from "../context.js";

interface PullFlags {
  out?: string;
  force?: boolean;
  schema?: string[];
}

export function register(program: Command, ctx: () => CliContext): void {
  program.command("pull").description("write a models file from the live database")
    .option("-o, --out <file>", "the file to write (default: the config's models file, else models.ts)")
    .option("--force", "overwrite the file if it exists")
    .option("--schema <name...>", "also pull these schemas (PostgreSQL)")
    .action(async (opts: PullFlags) => {
      const c = ctx();
      const r = await pull(c.config(), { out: opts.out, force: opts.force, schemas: opts.schema });
      for (const w of r.warnings) c.out.err(c.out.yellow(`warning: ${w}`));
      if (c.globals.json) return c.out.out(JSON.stringify({ path: r.path, tables: r.tables, warnings: r.warnings }, null, 2));
      c.out.out(`Wrote ${relative(process.cwd(), r.path) || r.path}: ${r.tables} table${r.tables === 1 ? "" : "s"}`);
    });
}
