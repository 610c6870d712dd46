/**
 * What a user sees in the safety paths, through the built CLI on PostgreSQL (whose trust
 * authentication accepts a URL with a password): the password never appears in output, errors,
 * verbose SQL or --sql scripts; `current -v` warns of an applied revision edited since; a held lock fails with exit 3 after --lock-timeout; a bad
 * --lock-timeout is a usage error.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lockName } from "../../src/runtime/lock.js";
import { scratchDatabase, serverAvailable, type Scratch } from "../support/databases.js";
import { tempProject, type TempProject } from "../support/project.js";
import { revId, start, withConn, writeChain } from "./safety-support.js";

const SECRET = "Sup3r-S3cret-pw";

describe("safety output on postgresql", () => {
  let db: Scratch | null = null;
  let project: TempProject;

  beforeAll(async () => {
    if (!(await serverAvailable("postgresql"))) return;
    db = await scratchDatabase("postgresql", "athanor_out");
    project = tempProject();
    const url = db.urlString.replace("postgres@", `postgres:${SECRET}@`);
    expect(url).toContain(SECRET);
    writeChain(project, url, [
      { id: revId(1), up: `  await op.createTable("t1", { id: { type: "integer", primaryKey: true } });` },
      { id: revId(2), up: `  await op.execute("SELECT no_such_column FROM t1");` },
    ]);
  });
  afterAll(async () => {
    project?.remove();
    await db?.drop();
  });

  it("never prints the password: verbose runs, migration errors, --sql scripts, current -v", async (ctx) => {
    if (!db) return ctx.skip();
    const failed = await start(project, ["upgrade", "head", "-v"]).exited;
    expect(failed.code).toBe(3);
    expect(failed.stderr).toContain(`revision ${revId(2)}`);
    expect(failed.stderr).toContain(`Rolled back: the database stays at ${revId(1)}`);
    const script = await start(project, ["upgrade", "head", "--sql"]).exited;
    expect(script.code).toBe(0);
    expect(script.stdout).toContain("CREATE TABLE");
    // Revision 1 (applied) is edited afterwards: current -v says so.
    const file = `migrations/versions/${revId(1)}_rev.ts`;
    project.write(file, project.read(file).replace("await op.createTable", "// edited\n  await op.createTable"));
    const current = await start(project, ["current", "-v"]).exited;
    expect(current.code).toBe(0);
    expect(current.stdout).toMatch(new RegExp(`warning: revision ${revId(1)} \\(.*${revId(1)}_rev\\.ts\\) changed after it was applied on .*: its checksum was [0-9a-f]{12}…, the file's is now [0-9a-f]{12}…`));
    for (const r of [failed, script, current]) expect(r.stdout + r.stderr).not.toContain(SECRET);
  });

  it("a held lock fails after --lock-timeout with exit 3, naming the database without its password", async (ctx) => {
    if (!db) return ctx.skip();
    const holder = await db.dialect.connect(db.url);
    try {
      expect(await db.dialect.acquireLock(holder, lockName({ schema: null, name: "athanor_version" }), 0)).not.toBeNull();
      const r = await start(project, ["stamp", "head", "--lock-timeout", "0.2"]).exited;
      expect(r.code).toBe(3);
      expect(r.stderr).toContain("another athanor run holds the migration lock on postgresql://postgres:");
      expect(r.stderr).toContain("(waited 0.2 s)");
      expect(r.stdout + r.stderr).not.toContain(SECRET);
    } finally {
      await holder.close();
    }
    expect(await withConn(db, (conn) => conn.query("SELECT version_num FROM athanor_version"))).toEqual([{ version_num: revId(1) }]);
    const bad = await start(project, ["upgrade", "head", "--lock-timeout", "soon"]).exited;
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("expected a number of seconds");
  });
});
