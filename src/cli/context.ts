import type { ConfigInput } from "../commands/context.js";
import type { RunnerEvents } from "../runtime/runner.js";
import type { Output } from "./output.js";

export interface GlobalOptions {
  config?: string;
  url?: string;
  json?: boolean;
  verbose?: boolean;
  color?: boolean;
}

/** What every command module gets from the CLI: output, global options, and the exit code to set. */
export interface CliContext {
  readonly out: Output;
  readonly globals: GlobalOptions;
  /** The configuration as the global options locate it. */
  config(): ConfigInput;
  /** Progress lines (and, with -v, each SQL statement) for upgrade/downgrade/stamp. */
  events(): RunnerEvents;
  /** Exit status for a run that did not throw (1: a check found differences). */
  setExitCode(code: number): void;
}

export function makeContext(out: Output, globals: GlobalOptions, setExitCode: (code: number) => void): CliContext {
  return {
    out,
    globals,
    // One command per process: user files need no fresh namespace, and share its modules.
    config: () => ({ configFile: globals.config, url: globals.url, freshModules: false, modelsInWorker: true }),
    events: () => ({
      onStepStart: (s) => out.err(`${out.cyan(s.direction === "up" ? "Running upgrade" : "Running downgrade")} ${s.rowsBefore.join(", ") || "<base>"} -> ${s.rowsAfter.join(", ") || "<base>"}, ${s.revision.message}`),
      onStatement: globals.verbose ? (sql) => out.err(out.dim(sql)) : undefined,
    }),
    setExitCode,
  };
}
