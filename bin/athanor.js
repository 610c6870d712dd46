#!/usr/bin/env node
import("../dist/cli/main.js").then(
  async ({ main }) => { process.exitCode = await main(process.argv.slice(2)); },
  (e) => { console.error(`athanor: cannot start (${e.message}); was the package built? run npm run build`); process.exitCode = 3; },
);
