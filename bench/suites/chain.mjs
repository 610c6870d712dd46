/**
 * Item 3: `upgrade head` through chains of small (empty) revisions, with the database's own
 * work measured apart (the same statements, from `upgrade head --sql`, run on a bare
 * connection) so the tool's per-revision cost shows; Alembic through the same chain.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { writeAlembicChain, writeAthanorChain } from "../lib/chain.mjs";
import { scratchDatabase } from "../lib/databases.mjs";
import { athanorConfig } from "../lib/emit-athanor.mjs";
import { ALEMBIC_ENV, ALEMBIC_SCRIPT_MAKO, alembicIni } from "../lib/emit-sqlalchemy.mjs";
import { median, runOnce, summarize } from "../lib/measure.mjs";
import { REPO_ROOT } from "../lib/paths.mjs";
import { makeProject } from "../lib/project.mjs";
import { ATHANOR } from "../lib/tools.mjs";
import { failIfBad, pick, repeat } from "./schema.mjs";

const RUN_SQL = join(REPO_ROOT, "bench", "lib", "run-sql.mjs");

/** Runs argv(db) on a fresh database each time; returns the summary and the last database. */
async function onFresh(ctx, dialect, runs, argv, { cwd, envFor = () => ({}), prepare = () => {} }) {
  const results = [];
  let db = null;
  for (let i = 0; i < runs; i++) {
    if (db) await db.drop();
    db = await scratchDatabase(dialect, ctx.registry);
    prepare(db);
    const a = argv(db);
    results.push(failIfBad(await runOnce(a, { cwd, env: envFor(db) }), a, cwd));
  }
  return { summary: summarize(results), results, db };
}

export async function runChainSuite(ctx, dialect, length) {
  const at = { dialect, n: length };
  const { runs } = ctx.options;
  const project = makeProject("chain", {
    "athanor.config.ts": athanorConfig("sqlite:///unused.db"),
    "migrations/script.ts.tmpl": readFileSync(join(REPO_ROOT, "templates", "generic", "script.ts.tmpl"), "utf8"),
  }, ["athanor"]);
  writeAthanorChain(project.dir, length);
  const envFor = (db) => ({ DATABASE_URL: db.urls.athanor });
  let last = null;
  try {
    ctx.log(`athanor ${dialect}: upgrade head through ${length} revisions`);
    const up = await onFresh(ctx, dialect, runs, () => [...ATHANOR, "upgrade", "head"], { cwd: project.dir, envFor });
    last = up.db;
    ctx.add({ ...at, suite: "chain", tool: "athanor", what: `upgrade head (${length} revisions)`, ...pick(up.summary) });

    ctx.log(`athanor ${dialect}: upgrade head with nothing to do (${length} revisions)`);
    const noop = await repeat(runs, [...ATHANOR, "upgrade", "head"], { cwd: project.dir, env: envFor(last) });
    ctx.add({ ...at, suite: "chain-noop", tool: "athanor", what: `upgrade head, already at head (${length} revisions)`, ...pick(noop) });

    ctx.log(`${dialect}: the database's own work for ${length} revisions`);
    const script = failIfBad(await runOnce([...ATHANOR, "upgrade", "head", "--sql"], { cwd: project.dir, env: envFor(last) }), ["", "upgrade --sql"], project.dir).stdout;
    const scriptFile = join(project.dir, "upgrade.sql");
    writeFileSync(scriptFile, script);
    const floor = await onFresh(ctx, dialect, runs, (db) => [process.execPath, RUN_SQL, db.urls.athanor, scriptFile], { cwd: project.dir });
    await floor.db.drop();
    const dbMs = median(floor.results.map((r) => JSON.parse(r.stdout).ms));
    const statements = JSON.parse(floor.results[0].stdout).statements;
    ctx.add({ ...at, suite: "chain-db", tool: "floor", what: `the same ${statements} statements on a bare connection`, ms: dbMs, runs });
  } finally {
    await last?.drop();
    project.remove();
  }
  await alembicChain(ctx, dialect, length);
}

async function alembicChain(ctx, dialect, length) {
  const alembic = ctx.tools.alembic;
  const at = { dialect, n: length };
  if (!ctx.options.alembic) return;
  if (!alembic.ok || !alembic.drivers[dialect].ok) {
    ctx.skip({ ...at, suite: "chain", tool: "alembic", reason: alembic.ok ? alembic.drivers[dialect].reason : alembic.reason });
    return;
  }
  const project = alembicProject("sqlite:///unused.db");
  writeAlembicChain(project.dir, length);
  let last = null;
  try {
    ctx.log(`alembic ${dialect}: upgrade head through ${length} revisions`);
    const up = await onFresh(ctx, dialect, ctx.options.runs, () => [...alembic.argv, "upgrade", "head"], {
      cwd: project.dir, prepare: (db) => project.write("alembic.ini", alembicIni(db.urls.sqlalchemy)),
    });
    last = up.db;
    ctx.add({ ...at, suite: "chain", tool: "alembic", what: `upgrade head (${length} revisions)`, ...pick(up.summary) });
    ctx.log(`alembic ${dialect}: heads with ${length} revision files`);
    const heads = await repeat(ctx.options.runs, [...alembic.argv, "heads"], { cwd: project.dir });
    ctx.add({ ...at, suite: "heads", tool: "alembic", what: `heads (${length} files)`, ...pick(heads) });
  } finally {
    await last?.drop();
    project.remove();
  }
}

/** An Alembic environment with empty MetaData (chains and revision-graph commands need no models). */
export function alembicProject(url) {
  return makeProject("alembic-chain", {
    "models.py": "import sqlalchemy as sa\n\nmetadata = sa.MetaData()\n",
    "alembic.ini": alembicIni(url),
    "migrations/env.py": ALEMBIC_ENV,
    "migrations/script.py.mako": ALEMBIC_SCRIPT_MAKO,
  });
}
