/**
 * Runs a command several times and reports its median wall time and peak memory (maximum
 * resident set size). Peak memory comes from GNU time (`/usr/bin/time -f %M`) when it is
 * installed; otherwise a node child reports its own maxRSS through a preloaded hook, and a
 * python child through a wrapper reading RUSAGE_CHILDREN.
 */
import { spawn } from "node:child_process";
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const GNU_TIME = "/usr/bin/time";
const HERE = dirname(fileURLToPath(import.meta.url));

export function hasGnuTime() {
  return existsSync(GNU_TIME);
}

export function median(values) {
  const v = values.filter((x) => typeof x === "number" && Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return null;
  const mid = v.length >> 1;
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

/** Wraps argv so that the run reports peak memory into `rssFile` (in KB). */
function withMemoryProbe(argv, rssFile, env) {
  if (hasGnuTime()) return { argv: [GNU_TIME, "-f", "%M", "-o", rssFile, ...argv], env };
  if (argv[0] === process.execPath) {
    const probe = pathToFileURL(join(HERE, "rss-probe.mjs")).href;
    return { argv: [argv[0], `--import=${probe}`, ...argv.slice(1)], env: { ...env, BENCH_RSS_FILE: rssFile } };
  }
  if (/python/.test(argv[0])) {
    const wrapper = "import resource,subprocess,sys\nr=subprocess.call(sys.argv[2:])\nopen(sys.argv[1],'w').write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))\nsys.exit(r)";
    return { argv: [argv[0], "-c", wrapper, rssFile, ...argv], env };
  }
  return { argv, env };
}

/**
 * One run: wall time measured around the process, peak memory from the probe. Output goes to
 * files, not pipes: a tool that calls process.exit() right after printing (drizzle-kit does)
 * loses whatever is still queued for a pipe, and would be miscounted.
 */
export function runOnce(argv, { cwd, env = {}, timeoutMs = 30 * 60_000 } = {}) {
  const probeDir = mkdtempSync(join(tmpdir(), "athanor-bench-rss-"));
  const rssFile = join(probeDir, "rss");
  const outFile = join(probeDir, "stdout");
  const errFile = join(probeDir, "stderr");
  const wrapped = withMemoryProbe(argv, rssFile, { ...process.env, NO_COLOR: "1", ...env });
  const out = openSync(outFile, "w");
  const err = openSync(errFile, "w");
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(wrapped.argv[0], wrapped.argv.slice(1), { cwd, env: wrapped.env, stdio: ["ignore", out, err] });
    closeSync(out);
    closeSync(err);
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", (e) => { clearTimeout(timer); rmSync(probeDir, { recursive: true, force: true }); reject(e); });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const stdout = readFileSync(outFile, "utf8");
      const stderr = readFileSync(errFile, "utf8");
      let rssKB = null;
      try {
        // GNU time writes "Command exited with non-zero status N" before %M on failure.
        const lines = readFileSync(rssFile, "utf8").trim().split("\n");
        rssKB = Number(lines[lines.length - 1]) || null;
      } catch { /* no probe output: memory unknown */ }
      rmSync(probeDir, { recursive: true, force: true });
      resolve({ code: code ?? (signal ? 128 : -1), ms, rssKB, stdout, stderr });
    });
  });
}

/**
 * Runs `argv` `runs` times (with optional untimed `before`/`after` hooks around each run) and
 * summarizes. A run exiting with a code outside `okCodes` stops the measurement with its output.
 */
export async function measure(argv, { runs = 3, okCodes = [0], before, after, ...options } = {}) {
  const results = [];
  for (let i = 0; i < runs; i++) {
    if (before) await before(i);
    const r = await runOnce(argv, options);
    if (!okCodes.includes(r.code)) {
      const cmd = argv.map((a) => (a.includes(" ") ? JSON.stringify(a) : a)).join(" ");
      throw new Error(`"${cmd}" exited with ${r.code} in ${options.cwd ?? process.cwd()}\n${tail(r.stderr || r.stdout)}`);
    }
    results.push(r);
    if (after) await after(i, r);
  }
  return summarize(results);
}

export function summarize(results) {
  return {
    runs: results.length,
    ms: median(results.map((r) => r.ms)),
    firstMs: results[0]?.ms ?? null,
    minMs: Math.min(...results.map((r) => r.ms)),
    maxMs: Math.max(...results.map((r) => r.ms)),
    peakKB: results.some((r) => r.rssKB !== null) ? Math.max(...results.map((r) => r.rssKB ?? 0)) : null,
    last: results[results.length - 1],
  };
}

export function tail(text, lines = 15) {
  return text.trim().split("\n").slice(-lines).join("\n");
}
