import type * as commander from "commander";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { scrubPassword } from "../config/url.js";
import { isAthanorError, messageOf } from "../errors.js";
import { COMMAND_MODULES } from "./commands/index.js";
import { makeContext, type CliContext, type GlobalOptions } from "./context.js";
import { makeOutput } from "./output.js";
import { protectRelative } from "./relative-args.js";
import { requirePackage } from "../require-package.js";

const { Command, CommanderError } = requirePackage("commander") as typeof commander;

function packageVersion(): string {
  const pkg = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "package.json");
  return (JSON.parse(readFileSync(pkg, "utf8")) as { version: string }).version;
}

/** Runs the CLI and returns the exit code. Only the CLI prints, and only here are errors turned into exit codes. */
export async function main(argv: readonly string[]): Promise<number> {
  let exitCode = 0;
  let context: CliContext | null = null;
  const program = new Command("athanor")
    .description("Alembic-grade schema migrations for TypeScript")
    .version(packageVersion(), "--version")
    .option("-c, --config <file>", "config file (default: athanor.config.ts in this folder or above)")
    .option("--url <url>", "database URL (overrides DATABASE_URL and the config)")
    .option("--json", "print data as JSON")
    .option("-v, --verbose", "echo SQL as it runs")
    .option("--no-color", "no colors (also NO_COLOR)")
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s), writeOut: (s) => process.stdout.write(s) });
  const ctx = (): CliContext => {
    if (!context) {
      const globals = program.opts<GlobalOptions>();
      context = makeContext(makeOutput({ color: globals.color }), globals, (code) => { exitCode = code; });
    }
    return context;
  };
  for (const register of COMMAND_MODULES) register(program, ctx);

  try {
    await program.parseAsync(protectRelative(argv), { from: "user" });
    return exitCode;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    const out = ctx().out;
    out.err(out.red(`error: ${scrubPassword(messageOf(e), null)}`));
    if (process.env.ATHANOR_DEBUG && e instanceof Error && e.stack) out.err(e.stack);
    return isAthanorError(e) ? e.exitCode : 3;
  }
}
