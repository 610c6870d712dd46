#!/usr/bin/env node
// `athanor history | head` closes the pipe early: stop quietly, as other command-line tools do.
process.stdout.on("error", (e) => {
  if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw e;
});
// `--version` alone is answered here: loading the CLI (commander and every command module)
// would cost several times the answer. Any other arguments go through commander as usual.
const args = process.argv.slice(2);
if (args.length === 1 && args[0] === "--version") {
  const { readFileSync } = await import("node:fs");
  process.stdout.write(`${JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")).version}\n`);
} else import("../dist/bundle/cli.js").then(
  async ({ main }) => { process.exitCode = await main(process.argv.slice(2)); },
  (e) => { console.error(`athanor: cannot start (${e.message}); was the package built? run npm run build`); process.exitCode = 3; },
);
