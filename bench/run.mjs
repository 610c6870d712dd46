#!/usr/bin/env node
/**
 * `npm run bench`: Athanor against Alembic and drizzle-kit on the same synthetic schemas, on
 * real PostgreSQL, MariaDB and SQLite. Not part of `npm test`. See bench/README.md for what is
 * measured and how; results go to bench/results/<date>.{json,md}.
 *
 *   npm run bench                       # everything, defaults sized to finish within 15 minutes
 *   npm run bench -- --quick            # a smoke run: N = 100, short chains, one run each
 *   npm run bench -- --sizes=1000 --dialects=sqlite --only=schema --runs=5
 */
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { cpus, loadavg, platform, release, totalmem } from "node:os";
import { join } from "node:path";
import { execFileSync } from "node:child_process";
import { LABEL, serverStatus } from "./lib/databases.mjs";
import { parseOptions, USAGE } from "./lib/options.mjs";
import { REPO_ROOT, RESULTS_DIR } from "./lib/paths.mjs";
import { evaluateTargets, renderReport } from "./lib/report.mjs";
import { updateReadme } from "./lib/readme.mjs";
import { athanorVersion, detectAlembic, detectDrizzle } from "./lib/tools.mjs";
import { runChainSuite } from "./suites/chain.mjs";
import { runHistorySuite } from "./suites/history.mjs";
import { runSchemaSuite } from "./suites/schema.mjs";
import { runStartupSuite } from "./suites/startup.mjs";

let options;
try {
  options = parseOptions(process.argv.slice(2));
} catch (e) {
  process.stderr.write(`bench: ${e.message}\n`);
  process.exit(2);
}
if (options.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}

const started = Date.now();
const log = (msg) => process.stderr.write(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${msg}\n`);

requireBuiltCli();
const tools = { alembic: detectAlembic(), drizzle: detectDrizzle() };
const rows = [];
const skips = [];
const registry = new Set();
const ctx = {
  options, tools, registry, log,
  add: (row) => { rows.push(row); },
  skip: (s) => { skips.push(s); log(`skipped ${s.tool}${s.dialect ? ` on ${s.dialect}` : ""}${s.n ? ` N=${s.n}` : ""}: ${s.reason}`); },
};

async function dropLeftovers() {
  for (const db of [...registry]) {
    try { await db.drop(); } catch (e) { log(`could not drop scratch database ${db.url.database}: ${e.message}`); }
  }
}

let interrupted = false;
process.on("SIGINT", () => {
  if (interrupted) process.exit(130);
  interrupted = true;
  log("interrupted: dropping scratch databases (Ctrl-C again to leave them)");
  dropLeftovers().finally(() => process.exit(130));
});

const meta = {
  date: new Date().toISOString(),
  node: process.versions.node,
  os: `${platform()} ${release()}`,
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model?.trim() ?? "unknown CPU",
  memoryGB: Math.round(totalmem() / 2 ** 30),
  loadStart: loadavg().map((l) => l.toFixed(2)).join(" "),
  athanor: athanorVersion(),
  commit: gitDescribe(),
  alembic: tools.alembic.ok ? `Alembic ${tools.alembic.version} with SQLAlchemy ${tools.alembic.sqlalchemy}` : "Alembic: not installed",
  drizzle: tools.drizzle.ok ? `drizzle-kit ${tools.drizzle.version} with drizzle-orm ${tools.drizzle.ormVersion}` : "drizzle-kit: not installed",
  options,
};

try {
  for (const [name, tool] of Object.entries(tools)) if (!tool.ok && options[name]) skips.push({ tool: name === "drizzle" ? "drizzle-kit" : name, reason: tool.reason });
  if (tools.alembic.ok) for (const d of options.dialects) if (!tools.alembic.drivers[d].ok) skips.push({ tool: "alembic", dialect: d, reason: tools.alembic.drivers[d].reason });
  const dialects = [];
  for (const d of options.dialects) {
    const status = await serverStatus(d);
    if (status.ok) dialects.push(d);
    else skips.push({ tool: "athanor", dialect: d, reason: `${LABEL[d]} server not answering (${status.reason})` });
  }
  log(`dialects: ${dialects.join(", ") || "none"}; ${meta.alembic}; ${meta.drizzle}; load average ${meta.loadStart}`);
  if (Number(meta.loadStart.split(" ")[0]) > cpus().length * 0.5) log("warning: the machine is busy; timings will be noisy (compare ratios from one run, not absolute times)");

  if (options.only.includes("startup")) await runStartupSuite(ctx);
  if (options.only.includes("history")) await runHistorySuite(ctx, options.historyFiles);
  if (options.only.includes("chain")) {
    for (const d of dialects.filter((x) => options.chainDialects.includes(x))) {
      for (const length of options.chains) await runChainSuite(ctx, d, length);
    }
  }
  if (options.only.includes("schema")) {
    for (const n of options.sizes) for (const d of dialects) await runSchemaSuite(ctx, d, n);
  }
} catch (e) {
  log(`benchmark failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
} finally {
  await dropLeftovers();
}

meta.loadEnd = loadavg().map((l) => l.toFixed(2)).join(" ");
meta.seconds = Math.round((Date.now() - started) / 1000);
const targets = evaluateTargets(rows);
const markdown = renderReport({ meta, rows, skips, targets });
process.stdout.write("\n" + markdown + "\n");
if (options.save && rows.length > 0) {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const stamp = meta.date.replace(/:\d\d\.\d+Z$/, "").replace(/:/g, "");
  const base = join(RESULTS_DIR, `${stamp}${process.exitCode ? "-incomplete" : ""}`);
  writeFileSync(`${base}.json`, JSON.stringify({ meta, rows, skips, targets }, null, 2) + "\n");
  writeFileSync(`${base}.md`, `# Benchmark ${meta.date}\n\n${markdown}`);
  log(`saved ${base}.json and .md (${meta.seconds} s in all)`);
  if (options.updateReadme && !process.exitCode) {
    updateReadme(join(REPO_ROOT, "README.md"), markdown, `bench/results/${stamp}.md`);
    log("README.md Benchmark section updated");
  }
}

/** The benchmark drives the built CLI, as users run it: dist/ must exist and be newer than src/. */
function requireBuiltCli() {
  const main = join(REPO_ROOT, "dist", "cli", "main.js");
  if (!existsSync(main)) {
    log("dist/ is missing: building (npm run build)");
    execFileSync("npm", ["run", "build"], { cwd: REPO_ROOT, stdio: "inherit" });
    return;
  }
  const newest = newestMtime(join(REPO_ROOT, "src"));
  if (newest > statSync(main).mtimeMs) log("warning: src/ has changed since the last build; the benchmark measures dist/ (run npm run build)");
}

function newestMtime(dir) {
  let newest = 0;
  for (const rel of readdirSync(dir, { recursive: true })) newest = Math.max(newest, statSync(join(dir, rel)).mtimeMs);
  return newest;
}

function gitDescribe() {
  try {
    const commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: REPO_ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--", "src"], { cwd: REPO_ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    return dirty ? `${commit} + uncommitted src changes` : commit;
  } catch {
    return null;
  }
}
