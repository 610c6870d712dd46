/**
 * The connection cut mid-run: a second session terminates the migrating session while a revision
 * runs a long statement. The run fails with an error that names the revision and says the
 * connection was lost; the database stays at the previous revision with no lock left, and a
 * rerun completes.
 */
import { afterEach, describe, expect, it } from "vitest";
import { upgrade } from "../../../src/commands/migrate.js";
import type { DialectName } from "../../../src/dialects/dialect.js";
import { scratchDatabase, serverAvailable, type Scratch } from "../../support/databases.js";
import { chainProject, revId, userTables, versionRows, withConnection, type ChainProject, type RevisionSource } from "./fixtures.js";

const SERVERS: Record<Exclude<DialectName, "sqlite">, { sleep: string; find: string; kill: (id: unknown) => string }> = {
  postgresql: {
    sleep: "SELECT pg_sleep(30)",
    find: "SELECT pid AS id FROM pg_stat_activity WHERE datname = current_database() AND query = 'SELECT pg_sleep(30)'",
    kill: (id) => `SELECT pg_terminate_backend(${Number(id)})`,
  },
  mysql: {
    sleep: "SELECT SLEEP(30)",
    find: "SELECT ID AS id FROM information_schema.PROCESSLIST WHERE DB = DATABASE() AND INFO = 'SELECT SLEEP(30)'",
    kill: (id) => `KILL ${Number(id)}`,
  },
};

function chain(sleep: string | null): RevisionSource[] {
  return [1, 2, 3].map((n) => ({
    id: revId(n),
    up: `  await op.createTable("t${n}", { id: { type: "integer", primaryKey: true } });${n === 2 && sleep ? `\n  await op.execute(${JSON.stringify(sleep)});` : ""}`,
  }));
}

for (const [dialectName, server] of Object.entries(SERVERS) as [keyof typeof SERVERS, (typeof SERVERS)[keyof typeof SERVERS]][]) {
  describe(`connection cut on ${dialectName}`, () => {
    let db: Scratch | null = null;
    let project: ChainProject | null = null;
    afterEach(async () => {
      project?.remove();
      await db?.drop();
    });

    it("a terminated session fails the run clearly; no lock is left and a rerun completes", async (ctx) => {
      if (!(await serverAvailable(dialectName))) return ctx.skip();
      db = await scratchDatabase(dialectName, "athanor_cut");
      const scratch = db;
      project = chainProject(db.urlString, chain(server.sleep));
      const run = upgrade(project.config(), "head").then(() => null, (e: unknown) => e as Error);
      await withConnection(scratch, async (conn) => {
        for (;;) {
          const [row] = await conn.query<{ id: unknown }>(server.find);
          if (row) {
            await conn.query(server.kill(row.id));
            return;
          }
          await new Promise((r) => setTimeout(r, 20));
        }
      });
      const error = await run;
      expect(error).not.toBeNull();
      expect(error!.message).toContain(`revision ${revId(2)}`);
      expect(error!.message).toMatch(/The connection to the database was lost/);
      expect(error!.message).toMatch(new RegExp(`(the database stays at|The version table still records) ${revId(1)}`));
      expect(await versionRows(scratch)).toEqual([revId(1)]);
      if (scratch.dialect.transactionalDdl) expect(await userTables(scratch)).toEqual(["t1"]);

      project.write(chain(null)[1]!, revId(1));
      if (!scratch.dialect.transactionalDdl) await withConnection(scratch, (conn) => conn.execute("DROP TABLE t2"));
      const rerun = await upgrade(project.config({ lockTimeout: 0 }), "head");
      expect(rerun.steps.map((s) => s.revision)).toEqual([revId(2), revId(3)]);
      expect(await versionRows(scratch)).toEqual([revId(3)]);
    });
  });
}
