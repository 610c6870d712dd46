/**
 * Turns result rows into the tables the benchmark prints and saves (markdown, which reads as
 * well in a terminal as in the README), and checks the issue's targets against them.
 */
import { LABEL } from "./databases.mjs";

export function fmtMs(ms) {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return "–";
  if (ms < 10) return `${ms.toFixed(1)} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 100_000) return `${(ms / 1000).toFixed(2)} s`;
  return `${Math.round(ms / 1000)} s`;
}

export function fmtMB(kb) {
  return kb ? `${Math.round(kb / 1024)} MB` : "–";
}

/** How many times longer `other` took than Athanor: "×12.3" (above 1, Athanor is faster). */
export function ratio(other, athanor) {
  if (!other || !athanor) return "–";
  const r = other / athanor;
  return `×${r >= 10 ? r.toFixed(0) : r.toFixed(1)}`;
}

function table(head, rows) {
  if (rows.length === 0) return "";
  const line = (cells) => `| ${cells.join(" | ")} |`;
  return [line(head), line(head.map(() => "---")), ...rows.map(line)].join("\n") + "\n";
}

const find = (rows, q) => rows.find((r) => Object.entries(q).every(([k, v]) => r[k] === v));

function withSpurious(row) {
  if (!row) return "–";
  return `${fmtMs(row.ms)} (${row.spurious ?? "?"})`;
}

function skipNote(skips, q) {
  const s = skips.find((x) => Object.entries(q).every(([k, v]) => x[k] === v));
  return s ? "n/a" : "–";
}

export function renderReport({ meta, rows, skips, targets }) {
  const out = [];
  const sizes = [...new Set(rows.filter((r) => r.suite === "noop").map((r) => r.n))].sort((a, b) => a - b);
  const dialects = [...new Set(rows.filter((r) => r.suite === "noop" || r.suite === "chain").map((r) => r.dialect))];
  const node = find(rows, { suite: "startup", tool: "node" });

  // 1. No-op comparison
  const noopRows = [];
  for (const d of dialects) {
    for (const n of sizes) {
      const check = find(rows, { suite: "noop", tool: "athanor", what: "check", dialect: d, n });
      if (!check) continue;
      const floor = find(rows, { suite: "floor", dialect: d, n });
      const al = find(rows, { suite: "noop", tool: "alembic", dialect: d, n });
      const dz = find(rows, { suite: "noop", tool: "drizzle-kit", dialect: d, n });
      const base = node && floor ? node.ms + floor.ms : null;
      noopRows.push([
        LABEL[d], n, fmtMs(floor?.ms), base ? fmtMs(2 * base) : "–",
        withSpurious(check), base ? `${(check.ms / base).toFixed(1)}×` : "–", fmtMB(check.peakKB),
        al ? withSpurious(al) : skipNote(skips, { tool: "alembic", dialect: d, n }), ratio(al?.ms, check.ms),
        dz ? withSpurious(dz) : skipNote(skips, { tool: "drizzle-kit", dialect: d, n }), ratio(dz?.ms, check.ms),
      ]);
    }
  }
  if (noopRows.length) {
    out.push("### 1. No-op autogenerate (database equal to the models)\n");
    out.push("Median wall time (spurious changes reported); ×: how many times longer than `athanor check`.\n");
    out.push(table(["database", "N", "catalog floor", "target (2 × (node + floor))", "athanor check", "÷ (node + floor)", "peak", "Alembic", "×", "drizzle-kit push", "×"], noopRows));
  }

  // 2. Autogenerate from empty + upgrade
  const genRows = [];
  for (const d of dialects) {
    for (const n of sizes) {
      const ag = find(rows, { suite: "autogen", tool: "athanor", dialect: d, n });
      if (!ag) continue;
      const up = find(rows, { suite: "upgrade", tool: "athanor", dialect: d, n });
      const aag = find(rows, { suite: "autogen", tool: "alembic", dialect: d, n });
      const aup = find(rows, { suite: "upgrade", tool: "alembic", dialect: d, n });
      const dz = find(rows, { suite: "upgrade", tool: "drizzle-kit", dialect: d, n });
      const pull = find(rows, { suite: "pull", tool: "drizzle-kit", dialect: d, n });
      const both = ag && up ? ag.ms + up.ms : null;
      genRows.push([
        LABEL[d], n, fmtMs(ag.ms), fmtMs(up?.ms), fmtMB(Math.max(ag.peakKB ?? 0, up?.peakKB ?? 0)),
        aag ? `${fmtMs(aag.ms)} ${ratio(aag.ms, ag.ms)}` : "–", aup ? `${fmtMs(aup.ms)} ${ratio(aup.ms, up?.ms)}` : "–",
        dz ? `${fmtMs(dz.ms)} ${ratio(dz.ms, both)}` : "–", pull ? fmtMs(pull.ms) : "–",
      ]);
    }
  }
  if (genRows.length) {
    out.push("### 2. Autogenerate from an empty database, then upgrade head\n");
    out.push("drizzle-kit push does both at once, so its ratio is against Athanor's two commands together; pull is drizzle-kit's reflection to a schema file.\n");
    out.push(table(["database", "N", "athanor revision --autogenerate", "athanor upgrade head", "peak", "Alembic autogenerate", "Alembic upgrade", "drizzle-kit push", "drizzle-kit pull"], genRows));
  }

  // 3. Chains
  const chainRows = [];
  for (const r of rows.filter((x) => x.suite === "chain" && x.tool === "athanor")) {
    const noop = find(rows, { suite: "chain-noop", dialect: r.dialect, n: r.n });
    const db = find(rows, { suite: "chain-db", dialect: r.dialect, n: r.n });
    const al = find(rows, { suite: "chain", tool: "alembic", dialect: r.dialect, n: r.n });
    const perRev = noop && db ? (r.ms - noop.ms - db.ms) / r.n : null;
    chainRows.push([LABEL[r.dialect], r.n, fmtMs(r.ms), fmtMs(noop?.ms), fmtMs(db?.ms), perRev === null ? "–" : `${perRev.toFixed(2)} ms`, fmtMB(r.peakKB), al ? `${fmtMs(al.ms)} ${ratio(al.ms, r.ms)}` : "–"]);
  }
  if (chainRows.length) {
    out.push("### 3. upgrade head through a chain of empty revisions\n");
    out.push("Per revision: (upgrade − the same command at head − the database's own work) ÷ revisions.\n");
    out.push(table(["database", "revisions", "athanor upgrade head", "at head already", "database work", "per revision", "peak", "Alembic"], chainRows));
  }

  // 3b. heads / history
  const graphRows = [];
  for (const r of rows.filter((x) => (x.suite === "heads" || x.suite === "history") && x.tool === "athanor")) {
    const al = find(rows, { suite: r.suite, tool: "alembic", n: r.n });
    graphRows.push([r.suite, r.n, fmtMs(r.coldMs), fmtMs(r.ms), fmtMB(r.peakKB), al ? fmtMs(al.coldMs) : "–", al ? `${fmtMs(al.ms)} ${ratio(al.ms, r.ms)}` : "–"]);
  }
  for (const r of rows.filter((x) => x.suite === "heads" && x.tool === "alembic" && x.dialect !== "-")) {
    graphRows.push([`heads (Alembic, ${LABEL[r.dialect]} chain)`, r.n, "–", "–", "–", "–", fmtMs(r.ms)]);
  }
  if (graphRows.length) {
    out.push("### 3b. Revision graph: heads and history\n");
    out.push("Cold: first run after the files are written (Athanor: no header cache; Alembic: no .pyc). Warm: median of the next runs.\n");
    out.push(table(["command", "files", "athanor cold", "athanor warm", "peak", "Alembic cold", "Alembic warm"], graphRows));
  }

  // 4. Start-up
  const startRows = rows.filter((x) => x.suite === "startup").map((r) => [r.tool, `\`${r.what}\``, fmtMs(r.ms), fmtMB(r.peakKB)]);
  if (startRows.length) {
    out.push("### 4. Start-up\n");
    out.push(table(["tool", "command", "median", "peak"], startRows));
  }

  if (targets.length) {
    out.push("### Targets (issue 8)\n");
    out.push(table(["target", "measured", "met"], targets.map((t) => [t.name, t.measured, t.met === null ? "–" : t.met ? "yes" : "**no**"])));
  }
  if (skips.length) {
    out.push("Not measured:\n");
    // One line per tool, database and reason, with the sizes it covers.
    const groups = new Map();
    for (const s of skips) {
      const where = s.dialect && s.dialect !== "-" ? ` on ${LABEL[s.dialect] ?? s.dialect}` : "";
      const key = `${s.tool}${where}: ${s.reason}`;
      if (!groups.has(key)) groups.set(key, { tool: s.tool, where, reason: s.reason, sizes: new Set() });
      if (s.n) groups.get(key).sizes.add(s.n);
    }
    for (const g of groups.values()) {
      const sizes = g.sizes.size ? ` (N = ${[...g.sizes].sort((a, b) => a - b).join(", ")})` : "";
      out.push(`- ${g.tool}${g.where}${sizes}: ${g.reason}`);
    }
    out.push("");
  }
  out.push(`Machine: ${meta.cpus} × ${meta.cpuModel}, ${meta.memoryGB} GB; ${meta.os}; Node ${meta.node}; load average ${meta.loadStart} at start, ${meta.loadEnd} at end. ` +
    `Tools: Athanor ${meta.athanor}${meta.commit ? ` (${meta.commit})` : ""}; ${meta.alembic}; ${meta.drizzle}. ` +
    `Runs: median of ${meta.options.runs} (${meta.options.heavyRuns} for full-schema upgrades and pushes, ${meta.options.drizzleRuns} for drizzle-kit no-op/pull, ${meta.options.startupRuns} for start-up). ${meta.date}.\n`);
  return out.join("\n");
}

/** The issue's targets, checked against the rows; `met` is null where nothing was measured. */
export function evaluateTargets(rows) {
  const targets = [];
  const node = find(rows, { suite: "startup", tool: "node" });
  const maxN = Math.max(0, ...rows.filter((r) => r.suite === "noop").map((r) => r.n));
  for (const d of ["postgresql", "mysql", "sqlite"]) {
    const check = find(rows, { suite: "noop", tool: "athanor", what: "check", dialect: d, n: maxN });
    const floor = find(rows, { suite: "floor", dialect: d, n: maxN });
    if (!check || !floor || !node) continue;
    const limit = 2 * (node.ms + floor.ms);
    targets.push({ name: `no-op check, ${LABEL[d]}, N = ${maxN}: ≤ 2 × (node + floor) = ${fmtMs(limit)}`, measured: fmtMs(check.ms), met: check.ms <= limit });
    targets.push({ name: `no-op check, ${LABEL[d]}, N = ${maxN}: zero spurious changes`, measured: String(check.spurious), met: check.spurious === 0 });
    for (const tool of ["alembic", "drizzle-kit"]) {
      const other = find(rows, { suite: "noop", tool, dialect: d, n: maxN });
      if (other) targets.push({ name: `no-op check, ${LABEL[d]}, N = ${maxN}: faster than ${tool}`, measured: ratio(other.ms, check.ms), met: other.ms > check.ms });
    }
    const peak = Math.max(...rows.filter((r) => r.tool === "athanor" && r.n === maxN && r.dialect === d && r.peakKB).map((r) => r.peakKB));
    if (Number.isFinite(peak)) targets.push({ name: `peak memory, ${LABEL[d]}, N = ${maxN}: < 200 MB (every athanor command)`, measured: fmtMB(peak), met: peak < 200 * 1024 });
  }
  for (const r of rows.filter((x) => x.suite === "chain" && x.tool === "athanor" && x.dialect === "sqlite")) {
    const noop = find(rows, { suite: "chain-noop", dialect: r.dialect, n: r.n });
    const db = find(rows, { suite: "chain-db", dialect: r.dialect, n: r.n });
    if (!noop || !db) continue;
    const perRev = (r.ms - noop.ms - db.ms) / r.n;
    targets.push({ name: `chain upgrade, SQLite, ${r.n} revisions: ≈ 1 ms per revision beyond the database's work`, measured: `${perRev.toFixed(2)} ms`, met: perRev <= 1.5 });
  }
  // The header cache is the design's answer for large histories, so the warm run is the one
  // held to the target; the cold one (every header parsed) is shown beside it.
  const heads = rows.filter((x) => x.suite === "heads" && x.tool === "athanor" && x.n >= 10_000)[0];
  if (heads) targets.push({ name: `heads with ${heads.n} files < 1 s (warm; cold shown)`, measured: `${fmtMs(heads.ms)} (cold ${fmtMs(heads.coldMs)})`, met: heads.ms < 1000 });
  const version = find(rows, { suite: "startup", tool: "athanor", what: "--version" });
  if (version) {
    const beyond = node ? ` = node -e 0 + ${fmtMs(version.ms - node.ms)}` : "";
    targets.push({ name: "--version < 100 ms", measured: `${fmtMs(version.ms)}${beyond}`, met: version.ms < 100 });
  }
  return targets;
}
