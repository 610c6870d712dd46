/**
 * Faults that only a real process can show, through the built CLI on each database: a run
 * killed with SIGKILL mid-revision (a rerun completes, no lock is left behind), eight processes
 * running `upgrade head` at once (every revision applied exactly once), and Ctrl-C (SIGINT)
 * between revisions (the run stops after the current one, with a clear message).
 */
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ALL_DIALECTS, scratchDatabase, serverAvailable, type Scratch } from "../support/databases.js";
import { tempProject, type TempProject } from "../support/project.js";
import { lockIsFree, logged, progress, revId, start, untilExists, withConn, writeChain } from "./safety-support.js";

/** Revision 2 marks that it has started (the marker file), then lingers while ATHANOR_TEST_LINGER is set. */
function lingering(serverSleep: string | null, ms: number): string {
  const wait = serverSleep ? `await op.execute(${JSON.stringify(serverSleep)});` : `await new Promise((r) => setTimeout(r, ${ms}));`;
  return `  await op.createTable("t2", { id: { type: "integer", primaryKey: true } });
  if (process.env.ATHANOR_TEST_MARK) {
    (await import("node:fs")).writeFileSync(process.env.ATHANOR_TEST_MARK, "");
    ${wait}
  }
`;
}

for (const dialectName of ALL_DIALECTS) {
  describe(`process faults on ${dialectName}`, () => {
    let db: Scratch | null = null;
    let project: TempProject | null = null;
    afterEach(async () => {
      project?.remove();
      await db?.drop();
      db = null;
      project = null;
    });

    it("SIGKILL in the middle of a revision: the rerun completes, and no lock is left", async (ctx) => {
      if (!(await serverAvailable(dialectName))) return ctx.skip();
      db = await scratchDatabase(dialectName, "athanor_kill");
      project = tempProject();
      // PostgreSQL: the server is busy in pg_sleep when the client dies; elsewhere the client is.
      const serverSleep = dialectName === "postgresql" ? "SELECT pg_sleep(60)" : null;
      writeChain(project, db.urlString, [logged(1), logged(2, lingering(serverSleep, 60_000)), logged(3)]);
      const mark = join(project.dir, "reached");
      const victim = start(project, ["upgrade", "head"], { ATHANOR_TEST_MARK: mark });
      await untilExists(mark, victim);
      victim.child.kill("SIGKILL");
      expect((await victim.exited).signal).toBe("SIGKILL");

      if (!db.dialect.transactionalDdl) {
        // DDL committed as it ran: revision 2's table outlived the process, its version row did not.
        expect(await progress(db)).toEqual({ log: [revId(1)], versions: [revId(1)] });
        const half = await start(project, ["upgrade", "head", "--lock-timeout", "20"]).exited;
        expect(half.code).toBe(3);
        expect(half.stderr).toMatch(/revision a00000000002 .*operation createTable failed: Table 't2' already exists/);
        await withConn(db, (conn) => conn.execute("DROP TABLE t2"));
      }
      const done = await start(project, ["upgrade", "head", "--lock-timeout", "20"]).exited;
      expect(done.code, done.stderr).toBe(0);
      expect(done.stderr).toContain("Done: 2 revisions");
      expect(await progress(db)).toEqual({ log: [1, 2, 3].map(revId), versions: [revId(3)] });
      expect(await lockIsFree(db)).toBe(true);
    });

    it("eight processes run upgrade head at once: every revision is applied exactly once", async (ctx) => {
      if (!(await serverAvailable(dialectName))) return ctx.skip();
      db = await scratchDatabase(dialectName, "athanor_eight");
      project = tempProject();
      writeChain(project, db.urlString, [1, 2, 3, 4].map((n) => logged(n)));
      const p = project;
      const results = await Promise.all(Array.from({ length: 8 }, () => start(p, ["upgrade", "head"]).exited));
      for (const r of results) expect(r.code, r.stderr).toBe(0);
      expect(results.filter((r) => r.stderr.includes("Done: 4 revisions"))).toHaveLength(1);
      expect(results.filter((r) => r.stderr.includes(`Nothing to upgrade: the database is at ${revId(4)}`))).toHaveLength(7);
      expect(await progress(db)).toEqual({ log: [1, 2, 3, 4].map(revId), versions: [revId(4)] });
    });

    it("SIGINT stops cleanly after the revision in progress", async (ctx) => {
      if (!(await serverAvailable(dialectName))) return ctx.skip();
      db = await scratchDatabase(dialectName, "athanor_int");
      project = tempProject();
      writeChain(project, db.urlString, [logged(1), logged(2, lingering(null, 1500)), logged(3)]);
      const mark = join(project.dir, "reached");
      const run = start(project, ["upgrade", "head"], { ATHANOR_TEST_MARK: mark });
      await untilExists(mark, run);
      run.child.kill("SIGINT");
      const r = await run.exited;
      expect(r.code).toBe(130);
      expect(r.stderr).toContain("Interrupted: stopping after the revision in progress");
      expect(r.stderr).toContain(`interrupted: stopped before revision ${revId(3)}`);
      expect(r.stderr).toContain(`2 revisions applied; the database is at ${revId(2)}. Run the command again to continue.`);
      expect(await progress(db)).toEqual({ log: [revId(1), revId(2)], versions: [revId(2)] });
      expect(await lockIsFree(db)).toBe(true);
    });
  });
}
