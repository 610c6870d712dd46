/**
 * The migration lock on real databases: concurrent runs serialize (the second waits, then
 * finds nothing left to do), upgrade/downgrade/stamp wait for a held lock, a timeout fails with
 * a clear message, and a lock on one database never blocks another.
 */
import { afterEach, describe, expect, it } from "vitest";
import { downgrade, stamp, upgrade } from "../../../src/commands/migrate.js";
import type { Connection, MigrationLock } from "../../../src/dialects/dialect.js";
import { isAthanorError } from "../../../src/errors.js";
import { lockName } from "../../../src/runtime/lock.js";
import { ALL_DIALECTS, scratchDatabase, serverAvailable, type Scratch } from "../../support/databases.js";
import { chainProject, revId, versionRows, withConnection, type ChainProject, type RevisionSource } from "./fixtures.js";

const LOCK = lockName({ schema: null, name: "athanor_version" });

/** Three revisions logging themselves; the first lingers so that concurrent runs overlap. */
const CHAIN: RevisionSource[] = [1, 2, 3].map((n) => ({
  id: revId(n),
  up: `${n === 1 ? `  await op.createTable("applied_log", { rev: { type: "varchar(32)", nullable: false } });\n  await new Promise((r) => setTimeout(r, 300));\n` : ""}  await op.bulkInsert("applied_log", [{ rev: ${JSON.stringify(revId(n))} }]);`,
  down: n === 1 ? `  await op.dropTable("applied_log");` : `  await op.execute("DELETE FROM applied_log WHERE rev = '${revId(n)}'");`,
}));

/** Holds the lock from a connection of its own until released. */
async function holdLock(db: Scratch): Promise<{ conn: Connection; lock: MigrationLock; release(): Promise<void> }> {
  const conn = await db.dialect.connect(db.url);
  const lock = await db.dialect.acquireLock(conn, LOCK, 0);
  if (!lock) throw new Error("lock unexpectedly held");
  return { conn, lock, release: async () => { await lock.release(); await conn.close(); } };
}

/** Resolves once `flag()` is true (polling; no timing assertion). */
async function until(flag: () => boolean): Promise<void> {
  while (!flag()) await new Promise((r) => setTimeout(r, 10));
}

for (const dialectName of ALL_DIALECTS) {
  describe(`migration lock on ${dialectName}`, () => {
    const dbs: Scratch[] = [];
    let project: ChainProject | null = null;
    afterEach(async () => {
      project?.remove();
      project = null;
      for (const db of dbs.splice(0)) await db.drop();
    });
    const fresh = async () => {
      const db = await scratchDatabase(dialectName, "athanor_lock");
      dbs.push(db);
      return db;
    };

    it("two concurrent upgrades serialize: every revision runs once, the second finds nothing to do", async (ctx) => {
      if (!(await serverAvailable(dialectName))) return ctx.skip();
      const db = await fresh();
      project = chainProject(db.urlString, CHAIN);
      let waited = 0;
      const events = { onLockWait: () => { waited++; } };
      const [a, b] = await Promise.all([
        upgrade(project.config(), "head", { events }),
        upgrade(project.config(), "head", { events }),
      ]);
      expect([a.steps.length, b.steps.length].sort()).toEqual([0, 3]);
      expect(waited).toBe(1);
      expect(await versionRows(db)).toEqual([revId(3)]);
      const log = await withConnection(db, (conn) => conn.query<{ rev: string }>("SELECT rev FROM applied_log"));
      expect(log.map((r) => r.rev).sort()).toEqual([1, 2, 3].map(revId));
    });

    it("downgrade and stamp wait for a held lock, then run; a lock timeout fails clearly", async (ctx) => {
      if (!(await serverAvailable(dialectName))) return ctx.skip();
      const db = await fresh();
      project = chainProject(db.urlString, CHAIN);
      await upgrade(project.config(), "head");

      let holder = await holdLock(db);
      let waiting = false;
      const down = downgrade(project.config(), "-1", { events: { onLockWait: () => { waiting = true; } } });
      await until(() => waiting);
      expect(await versionRows(db)).toEqual([revId(3)]);
      await holder.release();
      expect((await down).heads).toEqual([revId(2)]);

      holder = await holdLock(db);
      waiting = false;
      const stamped = stamp(project.config(), ["head"], { events: { onLockWait: () => { waiting = true; } } });
      await until(() => waiting);
      expect(await versionRows(db)).toEqual([revId(2)]);
      await holder.release();
      expect((await stamped).heads).toEqual([revId(3)]);
      expect(await versionRows(db)).toEqual([revId(3)]);

      holder = await holdLock(db);
      try {
        const error = await upgrade(project.config({ lockTimeout: 0.2 }), "head").then(() => null, (e: unknown) => e);
        expect(isAthanorError(error) && error.code).toBe("LOCK_TIMEOUT");
        expect((error as Error).message).toMatch(/another athanor run holds the migration lock on .* \(waited 0\.2 s\).*--lock-timeout/);
        const viaOption = await downgrade(project.config(), "base", { lockTimeout: 0 }).then(() => null, (e: unknown) => e);
        expect(isAthanorError(viaOption) && viaOption.code).toBe("LOCK_TIMEOUT");
      } finally {
        await holder.release();
      }
      expect(await versionRows(db)).toEqual([revId(3)]);
    });

    it("a lock on one database does not block another", async (ctx) => {
      if (!(await serverAvailable(dialectName))) return ctx.skip();
      const [one, two] = [await fresh(), await fresh()];
      const holder = await holdLock(one);
      try {
        project = chainProject(two.urlString, [{ id: revId(1), up: "" }]);
        const r = await upgrade(project.config({ lockTimeout: 0 }), "head");
        expect(r.steps).toHaveLength(1);
      } finally {
        await holder.release();
      }
    });
  });
}
