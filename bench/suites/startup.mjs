/** Item 4: start-up. `node -e 0` is the floor every Node tool pays; Alembic's start-up for scale. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { writeAlembicChain, writeAthanorChain } from "../lib/chain.mjs";
import { scratchDatabase } from "../lib/databases.mjs";
import { athanorConfig } from "../lib/emit-athanor.mjs";
import { alembicIni } from "../lib/emit-sqlalchemy.mjs";
import { runOnce } from "../lib/measure.mjs";
import { REPO_ROOT } from "../lib/paths.mjs";
import { makeProject } from "../lib/project.mjs";
import { ATHANOR } from "../lib/tools.mjs";
import { alembicProject } from "./chain.mjs";
import { failIfBad, pick, repeat } from "./schema.mjs";

export async function runStartupSuite(ctx) {
  const runs = ctx.options.startupRuns;
  const at = { dialect: "sqlite", n: 1 };
  const add = (tool, what, summary) => ctx.add({ ...at, suite: "startup", tool, what, ...pick(summary) });

  ctx.log("start-up: node -e 0, athanor --version");
  add("node", "node -e 0", await repeat(runs, [process.execPath, "-e", "0"], { cwd: REPO_ROOT }));
  add("athanor", "--version", await repeat(runs, [...ATHANOR, "--version"], { cwd: REPO_ROOT }));

  // `current` on a project with one revision applied: config (TypeScript), scan, connect, read.
  const db = await scratchDatabase("sqlite", ctx.registry);
  const project = makeProject("startup", {
    "athanor.config.ts": athanorConfig(db.urls.athanor),
    "migrations/script.ts.tmpl": readFileSync(join(REPO_ROOT, "templates", "generic", "script.ts.tmpl"), "utf8"),
  }, ["athanor"]);
  try {
    writeAthanorChain(project.dir, 1);
    failIfBad(await runOnce([...ATHANOR, "upgrade", "head"], { cwd: project.dir }), ["", "upgrade head"], project.dir);
    ctx.log("start-up: athanor current");
    add("athanor", "current", await repeat(runs, [...ATHANOR, "current"], { cwd: project.dir }));
  } finally {
    project.remove();
    await db.drop();
  }

  const alembic = ctx.tools.alembic;
  if (ctx.options.alembic && alembic.ok) {
    ctx.log("start-up: alembic --version, alembic current");
    add("alembic", "--version", await repeat(runs, [...alembic.argv, "--version"], { cwd: REPO_ROOT }));
    const adb = await scratchDatabase("sqlite", ctx.registry);
    const ap = alembicProject(adb.urls.sqlalchemy);
    try {
      ap.write("alembic.ini", alembicIni(adb.urls.sqlalchemy));
      writeAlembicChain(ap.dir, 1);
      failIfBad(await runOnce([...alembic.argv, "upgrade", "head"], { cwd: ap.dir }), ["", "alembic upgrade head"], ap.dir);
      add("alembic", "current", await repeat(runs, [...alembic.argv, "current"], { cwd: ap.dir }));
    } finally {
      ap.remove();
      await adb.drop();
    }
  }
  const drizzle = ctx.tools.drizzle;
  if (ctx.options.drizzle && drizzle.ok) {
    ctx.log("start-up: drizzle-kit --version");
    add("drizzle-kit", "--version", await repeat(runs, [...drizzle.argv, "--version"], { cwd: REPO_ROOT }));
  }
}
