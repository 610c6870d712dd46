/**
 * Items 1 and 2 of the benchmark, per dialect and schema size: autogenerate from an empty
 * database and upgrade to the full schema, then the no-op comparison (the database equal to
 * the models), for Athanor, Alembic and drizzle-kit side by side, with the catalog-query floor.
 * Each tool builds its own database with its own DDL, so a no-op run is a true no-op for it.
 */
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { scratchDatabase } from "../lib/databases.mjs";
import { athanorConfig, athanorModels } from "../lib/emit-athanor.mjs";
import { ALEMBIC_ENV, ALEMBIC_SCRIPT_MAKO, alembicIni, sqlalchemyModels } from "../lib/emit-sqlalchemy.mjs";
import { drizzleSchema } from "../lib/emit-drizzle.mjs";
import { median, runOnce, summarize, tail } from "../lib/measure.mjs";
import { REPO_ROOT } from "../lib/paths.mjs";
import { makeProject } from "../lib/project.mjs";
import { generateSchema } from "../lib/schema.mjs";
import { ATHANOR } from "../lib/tools.mjs";

const FLOOR_SCRIPT = join(REPO_ROOT, "bench", "lib", "catalog-floor.mjs");

export function failIfBad(r, argv, cwd, ok = [0]) {
  if (!ok.includes(r.code)) throw new Error(`"${argv.slice(1).join(" ")}" exited with ${r.code} in ${cwd}\n${tail(r.stderr || r.stdout)}`);
  return r;
}

/** Runs `argv` `runs` times in `cwd`; `between(i, r)` inspects and cleans up after each run (untimed). */
export async function repeat(runs, argv, { cwd, env, ok, between }) {
  const results = [];
  for (let i = 0; i < runs; i++) {
    const r = failIfBad(await runOnce(argv, { cwd, env }), argv, cwd, ok);
    results.push(r);
    if (between) await between(i, r);
  }
  return summarize(results);
}

/**
 * Runs `argv(db)` against a fresh empty database each time (upgrade, push). The last database
 * is returned, full, for the no-op runs; the others are dropped.
 */
async function repeatOnFresh(runs, argv, { cwd, fresh, first, envFor = () => ({}), prepare = () => {} }) {
  const results = [];
  let db = first;
  for (let i = 0; i < runs; i++) {
    if (i > 0) {
      await db.drop();
      db = await fresh();
    }
    prepare(db);
    const a = argv(db);
    results.push(failIfBad(await runOnce(a, { cwd, env: envFor(db) }), a, cwd));
  }
  return { summary: summarize(results), db };
}

function newFiles(dir, known) {
  return readdirSync(dir).filter((f) => !known.includes(f) && !f.startsWith(".") && f !== "__pycache__");
}

export function pick(s) {
  return { ms: s.ms, firstMs: s.firstMs, minMs: s.minMs, maxMs: s.maxMs, peakKB: s.peakKB, runs: s.runs };
}

export async function runSchemaSuite(ctx, dialectName, n) {
  const schema = generateSchema(n);
  const at = { dialect: dialectName, n };
  const fresh = () => scratchDatabase(dialectName, ctx.registry);
  await athanorSide(ctx, schema, at, fresh);
  await alembicSide(ctx, schema, at, fresh);
  await drizzleSide(ctx, schema, at, fresh);
}

async function athanorSide(ctx, schema, at, fresh) {
  const { runs, heavyRuns } = ctx.options;
  const { dialect, n } = at;
  const db0 = await fresh();
  const project = makeProject("athanor", {
    "models.ts": athanorModels(schema),
    "athanor.config.ts": athanorConfig(db0.urls.athanor),
    "migrations/script.ts.tmpl": readFileSync(join(REPO_ROOT, "templates", "generic", "script.ts.tmpl"), "utf8"),
    "migrations/versions/.keep": "",
  }, ["athanor"]);
  const versions = join(project.dir, "migrations", "versions");
  const envFor = (db) => ({ DATABASE_URL: db.urls.athanor });
  let full = db0;
  try {
    ctx.log(`athanor ${dialect} N=${n}: revision --autogenerate from empty`);
    let written = [];
    const autogen = await repeat(runs, [...ATHANOR, "revision", "--autogenerate", "-m", "full schema"], {
      cwd: project.dir, env: envFor(db0),
      between: (i) => {
        written = newFiles(versions, []);
        if (i < runs - 1) for (const f of written) rmSync(join(versions, f));
      },
    });
    const created = (readFileSync(join(versions, written[0]), "utf8").match(/op\.createTable\(/g) ?? []).length;
    if (created !== n) throw new Error(`athanor autogenerate wrote ${created} createTable ops, expected ${n} (${versions})`);
    ctx.add({ ...at, suite: "autogen", tool: "athanor", what: "revision --autogenerate (empty → full)", ...pick(autogen) });

    ctx.log(`athanor ${dialect} N=${n}: upgrade head (full schema)`);
    const up = await repeatOnFresh(ctx.options.heavyRuns, () => [...ATHANOR, "upgrade", "head"], { cwd: project.dir, envFor, fresh, first: db0 });
    full = up.db;
    ctx.add({ ...at, suite: "upgrade", tool: "athanor", what: "upgrade head (full schema)", ...pick(up.summary) });

    ctx.log(`athanor ${dialect} N=${n}: check (no-op)`);
    let spurious = [];
    const check = await repeat(runs, [...ATHANOR, "--json", "check"], {
      cwd: project.dir, env: envFor(full), ok: [0, 1],
      between: (_i, r) => { spurious.push(JSON.parse(r.stdout).ops.length); },
    });
    ctx.add({ ...at, suite: "noop", tool: "athanor", what: "check", ...pick(check), spurious: Math.max(...spurious) });

    ctx.log(`athanor ${dialect} N=${n}: revision --autogenerate (no-op)`);
    spurious = [];
    const noopRev = await repeat(runs, [...ATHANOR, "revision", "--autogenerate", "-m", "noop"], {
      cwd: project.dir, env: envFor(full),
      between: () => {
        const extra = newFiles(versions, written);
        spurious.push(extra.length === 0 ? 0 : (readFileSync(join(versions, extra[0]), "utf8").match(/await op\./g) ?? []).length);
        for (const f of extra) rmSync(join(versions, f));
      },
    });
    ctx.add({ ...at, suite: "noop", tool: "athanor", what: "revision --autogenerate (no-op)", ...pick(noopRev), spurious: Math.max(...spurious) });

    ctx.log(`catalog floor ${dialect} N=${n}: connect + introspect`);
    const floor = [];
    for (let i = 0; i < runs; i++) {
      const argv = [process.execPath, FLOOR_SCRIPT, full.urls.athanor, "3"];
      floor.push(JSON.parse(failIfBad(await runOnce(argv), argv, REPO_ROOT).stdout));
    }
    const connectMs = median(floor.map((f) => f.connectMs));
    const warmMs = median(floor.map((f) => f.warmMs));
    ctx.add({
      ...at, suite: "floor", tool: "floor", what: "connect + introspect", ms: connectMs + warmMs,
      connectMs, introspectMs: warmMs, coldIntrospectMs: median(floor.map((f) => f.introspectMs)), runs,
    });
  } finally {
    await full.drop();
    project.remove();
  }
}

async function alembicSide(ctx, schema, at, fresh) {
  const alembic = ctx.tools.alembic;
  const { dialect, n } = at;
  if (!ctx.options.alembic) return;
  if (!alembic.ok || !alembic.drivers[dialect].ok) {
    ctx.skip({ ...at, tool: "alembic", reason: alembic.ok ? alembic.drivers[dialect].reason : alembic.reason });
    return;
  }
  const { runs } = ctx.options;
  const db0 = await fresh();
  const project = makeProject("alembic", {
    "models.py": sqlalchemyModels(schema),
    "alembic.ini": alembicIni(db0.urls.sqlalchemy),
    "migrations/env.py": ALEMBIC_ENV,
    "migrations/script.py.mako": ALEMBIC_SCRIPT_MAKO,
    "migrations/versions/.keep": "",
  });
  const versions = join(project.dir, "migrations", "versions");
  const alembicArgv = (...args) => [...alembic.argv, ...args];
  // Alembic reads its URL from alembic.ini: each fresh database rewrites it before its run.
  const useDb = (db) => project.write("alembic.ini", alembicIni(db.urls.sqlalchemy));
  let full = db0;
  try {
    ctx.log(`alembic ${dialect} N=${n}: revision --autogenerate from empty`);
    let written = [];
    const autogen = await repeat(runs, alembicArgv("revision", "--autogenerate", "-m", "full schema"), {
      cwd: project.dir,
      between: (i) => {
        written = newFiles(versions, []);
        if (i < runs - 1) for (const f of written) rmSync(join(versions, f));
      },
    });
    ctx.add({ ...at, suite: "autogen", tool: "alembic", what: "revision --autogenerate (empty → full)", ...pick(autogen) });

    ctx.log(`alembic ${dialect} N=${n}: upgrade head (full schema)`);
    const up = await repeatOnFresh(ctx.options.heavyRuns, () => alembicArgv("upgrade", "head"), { cwd: project.dir, fresh, first: db0, prepare: useDb });
    full = up.db;
    ctx.add({ ...at, suite: "upgrade", tool: "alembic", what: "upgrade head (full schema)", ...pick(up.summary) });

    // Alembic 1.9+ has `alembic check`; Debian's 1.8 does not, and revision --autogenerate is
    // the same comparison plus writing a file, so that is what runs on every version.
    ctx.log(`alembic ${dialect} N=${n}: revision --autogenerate (no-op)`);
    const spurious = [];
    const noop = await repeat(runs, alembicArgv("revision", "--autogenerate", "-m", "noop"), {
      cwd: project.dir,
      between: () => {
        for (const f of newFiles(versions, written)) {
          spurious.push(alembicOpCount(readFileSync(join(versions, f), "utf8")));
          rmSync(join(versions, f));
        }
      },
    });
    ctx.add({ ...at, suite: "noop", tool: "alembic", what: "revision --autogenerate (no-op)", ...pick(noop), spurious: Math.max(0, ...spurious) });
  } finally {
    await full.drop();
    project.remove();
  }
}

async function drizzleSide(ctx, schema, at, fresh) {
  const drizzle = ctx.tools.drizzle;
  const { dialect, n } = at;
  if (!ctx.options.drizzle) return;
  if (!drizzle.ok) {
    ctx.skip({ ...at, tool: "drizzle-kit", reason: drizzle.reason });
    return;
  }
  const limit = ctx.options.drizzleMaxN[dialect];
  if (n > limit) {
    ctx.skip({ ...at, tool: "drizzle-kit", reason: `left out above N = ${limit} by default (minutes per run); --drizzle-max-n=${dialect}:all includes it` });
    return;
  }
  const db0 = await fresh();
  const project = makeProject("drizzle", { "schema.ts": drizzleSchema(schema, dialect) }, ["drizzle-orm", "drizzle-kit"]);
  const kit = (db, ...args) => [...drizzle.argv, ...args, `--dialect=${dialect}`, `--url=${db.urls.drizzle}`];
  let full = db0;
  try {
    ctx.log(`drizzle-kit ${dialect} N=${n}: push (empty → full)`);
    const up = await repeatOnFresh(ctx.options.heavyRuns, (db) => kit(db, "push", "--schema=./schema.ts", "--force"), { cwd: project.dir, fresh, first: db0 });
    full = up.db;
    ctx.add({ ...at, suite: "upgrade", tool: "drizzle-kit", what: "push (empty → full)", ...pick(up.summary) });

    // --strict makes push stop at its confirmation prompt (there is no TTY here) after listing
    // the statements it would run: the whole comparison is done, nothing is applied, and every
    // run sees the same database.
    ctx.log(`drizzle-kit ${dialect} N=${n}: push (no-op)`);
    const spurious = [];
    const noop = await repeat(ctx.options.drizzleRuns, kit(full, "push", "--schema=./schema.ts", "--strict", "--verbose"), {
      cwd: project.dir,
      between: (_i, r) => { spurious.push(drizzleStatementCount(r.stdout + r.stderr)); },
    });
    ctx.add({ ...at, suite: "noop", tool: "drizzle-kit", what: "push (no-op)", ...pick(noop), spurious: Math.max(...spurious) });

    ctx.log(`drizzle-kit ${dialect} N=${n}: pull`);
    const pull = await repeat(ctx.options.drizzleRuns, kit(full, "pull", "--out=./pulled"), {
      cwd: project.dir,
      between: () => rmSync(join(project.dir, "pulled"), { recursive: true, force: true }),
    });
    ctx.add({ ...at, suite: "pull", tool: "drizzle-kit", what: "pull", ...pick(pull) });
  } finally {
    await full.drop();
    project.remove();
  }
}

/** Operations in an Alembic revision's upgrade(): each `op.` call is one change. */
export function alembicOpCount(source) {
  const body = source.split(/\ndef upgrade\(\)[^\n]*\n/)[1]?.split(/\ndef downgrade\(\)/)[0] ?? "";
  return (body.match(/\bop\.[a-z_]+\(/g) ?? []).length;
}

/** Statements drizzle-kit push lists before asking to run them ("No changes detected": none). */
export function drizzleStatementCount(output) {
  const start = output.indexOf("You are about to execute");
  if (start < 0) return 0;
  return output.slice(start).split("\n").filter((l) => /;\s*$/.test(l)).length;
}
