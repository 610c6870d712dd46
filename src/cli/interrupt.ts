import type { Output } from "./output.js";

/**
 * Runs `fn` with an AbortSignal that the first Ctrl-C (SIGINT) aborts: the run then stops after
 * the revision in progress, and the command reports where the database stands. A second Ctrl-C
 * exits at once (the open transaction dies with the connection).
 */
export async function withInterrupt<T>(out: Output, fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const onSignal = (): void => {
    if (controller.signal.aborted) {
      out.err("Interrupted again: exiting now.");
      process.exit(130);
    }
    out.err(out.yellow("Interrupted: stopping after the revision in progress (Ctrl-C again to exit at once)..."));
    controller.abort();
  };
  process.on("SIGINT", onSignal);
  try {
    return await fn(controller.signal);
  } finally {
    process.off("SIGINT", onSignal);
  }
}
