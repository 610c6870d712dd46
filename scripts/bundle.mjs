// `npm run build`, second step: tsc's output (dist/) bundled into a few ES modules under
// dist/bundle/, which the CLI and the package's main entry load. Node reads one file instead
// of ~180 (a third of a command's start-up went to resolving and compiling them), and the CLI
// and users' `import "athanor"` share those modules. Every output sits directly in
// dist/bundle/, one level below dist/ like the files it replaces, so paths found from
// import.meta.url (the templates, package.json) stay right.
import { build } from "esbuild";
import { rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const dist = join(dirname(fileURLToPath(import.meta.url)), "..", "dist");
const outdir = join(dist, "bundle");
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: {
    index: join(dist, "index.js"),
    cli: join(dist, "cli", "main.js"),
    // Started as a worker thread by ModelsAhead, from beside the chunk that starts it.
    "models-worker": join(dist, "commands", "models-worker.js"),
  },
  outdir,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  packages: "external",
  chunkNames: "[name]-[hash]",
  logLevel: "warning",
});
