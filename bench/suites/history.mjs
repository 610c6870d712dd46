/**
 * Item 3, second half: `heads` and `history` with 10,000 revision files. The first run after
 * the files are written is cold (no header cache, nothing in the OS page cache from a read);
 * later runs are warm.
 */
import { rmSync } from "node:fs";
import { join } from "node:path";
import { writeAlembicChain, writeAthanorChain } from "../lib/chain.mjs";
import { runOnce } from "../lib/measure.mjs";
import { makeProject } from "../lib/project.mjs";
import { ATHANOR } from "../lib/tools.mjs";
import { athanorConfig } from "../lib/emit-athanor.mjs";
import { alembicProject } from "./chain.mjs";
import { failIfBad, pick, repeat } from "./schema.mjs";

export async function runHistorySuite(ctx, files) {
  const at = { dialect: "-", n: files };
  const { runs } = ctx.options;
  const project = makeProject("history", { "athanor.config.ts": athanorConfig("sqlite:///unused.db") }, ["athanor"]);
  ctx.log(`writing ${files} revision files`);
  writeAthanorChain(project.dir, files);
  try {
    for (const command of ["heads", "history"]) {
      rmSync(join(project.dir, "migrations", ".athanor-cache"), { recursive: true, force: true });
      ctx.log(`athanor ${command} with ${files} files (cold, then warm)`);
      const argv = [...ATHANOR, command];
      const cold = failIfBad(await runOnce(argv, { cwd: project.dir }), argv, project.dir);
      const warm = await repeat(runs, argv, { cwd: project.dir });
      ctx.add({ ...at, suite: command, tool: "athanor", what: `${command} (${files} files)`, ...pick(warm), coldMs: cold.ms });
    }
  } finally {
    project.remove();
  }

  const alembic = ctx.tools.alembic;
  if (!ctx.options.alembic) return;
  if (!alembic.ok) {
    ctx.skip({ ...at, suite: "heads", tool: "alembic", reason: alembic.reason });
    return;
  }
  const ap = alembicProject("sqlite:///unused.db");
  writeAlembicChain(ap.dir, files);
  try {
    // Alembic's history takes as long as its heads (both import every script); heads is enough.
    for (const command of ["heads"]) {
      ctx.log(`alembic ${command} with ${files} files`);
      const argv = [...alembic.argv, command];
      const cold = failIfBad(await runOnce(argv, { cwd: ap.dir }), argv, ap.dir);
      const warm = await repeat(runs, argv, { cwd: ap.dir });
      ctx.add({ ...at, suite: command, tool: "alembic", what: `${command} (${files} files)`, ...pick(warm), coldMs: cold.ms });
    }
  } finally {
    ap.remove();
  }
}
