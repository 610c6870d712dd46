import { createInterface } from "node:readline/promises";
import type { RenameCandidate, RenameResolver } from "../autogenerate/renames.js";

export interface PromptStreams {
  readonly input: NodeJS.ReadableStream & { readonly isTTY?: boolean };
  readonly output: NodeJS.WritableStream & { readonly isTTY?: boolean };
}

/**
 * A RenameResolver that asks on the terminal, or undefined when there is no terminal to ask
 * (piped input, CI): then autogenerate writes drop + add and warns, and never waits for input.
 */
export function terminalRenameResolver(streams: PromptStreams = { input: process.stdin, output: process.stderr }): RenameResolver | undefined {
  if (!streams.input.isTTY || !streams.output.isTTY) return undefined;
  return (candidate) => askRename(candidate, streams);
}

/** One question per candidate: a number picks the old name, Enter or "n" means "not a rename". */
export async function askRename(candidate: RenameCandidate, streams: PromptStreams): Promise<string | null> {
  const what = candidate.kind === "table"
    ? `table ${qualified(candidate.schema, candidate.to)}`
    : `column ${candidate.table}.${candidate.to}`;
  const lines = [
    `${what} is new, and the database has ${candidate.from.length > 1 ? "these" : "this"} ${candidate.kind}${candidate.from.length > 1 ? "s" : ""} the models no longer have:`,
    ...candidate.from.map((name, i) => `  ${i + 1}) renamed from ${name}`),
    `  n) not a rename: drop ${candidate.from.length > 1 ? "them" : "it"} and create ${candidate.to}`,
  ];
  const rl = createInterface({ input: streams.input, output: streams.output, terminal: true });
  try {
    streams.output.write(lines.join("\n") + "\n");
    for (;;) {
      const answer = (await rl.question(`Choice [${candidate.from.length === 1 ? "1" : `1-${candidate.from.length}`}/n, default n]: `)).trim().toLowerCase();
      if (answer === "" || answer === "n" || answer === "no") return null;
      if (candidate.from.length === 1 && (answer === "y" || answer === "yes")) return candidate.from[0]!;
      const pick = Number(answer);
      if (Number.isInteger(pick) && pick >= 1 && pick <= candidate.from.length) return candidate.from[pick - 1]!;
      streams.output.write(`please answer a number from 1 to ${candidate.from.length}, or n\n`);
    }
  } finally {
    rl.close();
  }
}

function qualified(schema: string | null, name: string): string {
  return schema ? `${schema}.${name}` : name;
}
