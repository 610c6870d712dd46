#!/usr/bin/env node
// `athanor history | head` closes the pipe early: stop quietly, as other command-line tools do.
process.stdout.on("error", (e) => {
  if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw e;
});
import("../dist/cli/main.js").then(
  async ({ main }) => { process.exitCode = await main(process.argv.slice(2)); },
  (e) => { console.error(`athanor: cannot start (${e.message}); was the package built? run npm run build`); process.exitCode = 3; },
);
