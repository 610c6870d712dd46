/**
 * Offline scripts (`--sql`) against online runs, on each database: the script for upgrade,
 * downgrade and stamp, applied with the database's own client (psql, mariadb, sqlite3), leaves
 * the same schema, version rows and data as running the same commands online. Literals that
 * need escaping travel through the script intact, and a revision message cannot break out of
 * its comment line.
 */
import { spawnSync } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { downgrade, stamp, upgrade } from "../../../src/commands/migrate.js";
import { databaseFile } from "../../../src/dialects/sqlite/driver.js";
import type { DialectName } from "../../../src/dialects/dialect.js";
import { sqlComment } from "../../../src/runtime/script.js";
import { ALL_DIALECTS, scratchDatabase, serverAvailable, type Scratch } from "../../support/databases.js";
import { chainProject, revId, versionRows, withConnection, type ChainProject, type RevisionSource } from "./fixtures.js";

const TRICKY = ["O'Reilly", "back\\slash \\' \\n", "semi; colon -- not a comment", "two\nlines", "ünïcödé ✓", "'); DROP TABLE people; --"];

const CHAIN: RevisionSource[] = [
  {
    id: revId(1),
    message: "people",
    up: `  await op.createTable("people", {
    id: { type: "integer", primaryKey: true },
    name: { type: "varchar(100)", nullable: false, serverDefault: "'it''s'" },
    note: { type: "text" },
  });
  await op.createIndex("ix_people_name", "people", ["name"]);`,
    down: `  await op.dropIndex("ix_people_name", "people");\n  await op.dropTable("people");`,
  },
  {
    id: revId(2),
    message: "rows with quotes; and -- dashes",
    up: `  await op.bulkInsert("people", ${JSON.stringify(TRICKY.map((note, i) => ({ id: i + 1, name: `n${i}`, note })))});`,
    down: `  await op.execute("DELETE FROM people");`,
  },
  {
    id: revId(3),
    message: "tags",
    up: `  await op.createTable("tags", {
    id: { type: "integer", primaryKey: true },
    label: { type: "varchar(20)", nullable: false },
    owner_id: { type: "integer" },
  }, {
    uniques: [{ name: "uq_tags_label", columns: ["label"] }],
    foreignKeys: [{ name: "fk_tags_owner", columns: ["owner_id"], referredTable: "people", referredColumns: ["id"], onDelete: "CASCADE" }],
    checks: [{ name: "ck_tags_label", expression: "label <> ''" }],
  });
  await op.addColumn("people", "tag_id", { type: "integer" });`,
    down: `  await op.dropColumn("people", "tag_id");
  await op.dropTable("tags");`,
  },
];

/** Runs a script through the database's own command-line client, stopping at the first error. */
function applyScript(db: Scratch, script: string): void {
  const u = db.url;
  const run: Record<DialectName, [string, string[]]> = {
    postgresql: ["psql", ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", u.host ?? "127.0.0.1", "-p", String(u.port ?? 5432), "-U", u.user ?? "postgres", "-d", u.database!]],
    mysql: ["mariadb", ["-h", u.host ?? "127.0.0.1", "-P", String(u.port ?? 3306), "-u", u.user ?? "root", u.database!]],
    sqlite: ["sqlite3", ["-bail", databaseFile(u)]],
  };
  const [cmd, args] = run[u.dialect];
  const r = spawnSync(cmd, args, { input: script, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`${cmd} failed (${r.status}): ${r.stderr}\n--- script ---\n${script}`);
}

async function state(db: Scratch): Promise<unknown> {
  return withConnection(db, async (conn) => {
    const schema = await db.dialect.introspect(conn);
    const people = await conn.query("SELECT id, name, note FROM people ORDER BY id").catch(() => null);
    return { schema, people, versions: await versionRows(db) };
  });
}

describe("sqlComment", () => {
  it("keeps a message with newlines on one comment line", () => {
    expect(sqlComment("a\nDROP TABLE x;\r\n-- b")).toBe("-- a DROP TABLE x; -- b");
  });
});

for (const dialectName of ALL_DIALECTS) {
  describe(`offline scripts on ${dialectName}`, () => {
    const dbs: Scratch[] = [];
    let project: ChainProject | null = null;
    afterEach(async () => {
      project?.remove();
      for (const db of dbs.splice(0)) await db.drop();
    });

    it("upgrade, downgrade and stamp --sql, applied with the database's client, match the online runs", async (ctx) => {
      if (!(await serverAvailable(dialectName))) return ctx.skip();
      const online = await scratchDatabase(dialectName, "athanor_sql");
      dbs.push(online);
      const offline = await scratchDatabase(dialectName, "athanor_sql");
      dbs.push(offline);
      project = chainProject(online.urlString, CHAIN);
      const p = project;
      const script = async (fn: () => Promise<{ script?: string }>) => (await fn()).script!;

      const up = await script(() => upgrade(p.config(), "head", { sql: true }));
      expect(up).toContain("-- Running upgrade a00000000001 -> a00000000002: rows with quotes; and -- dashes");
      if (online.dialect.transactionalDdl) expect(up).toMatch(new RegExp(`^${online.dialect.begin};$[\\s\\S]*^COMMIT;$`, "m"));
      else expect(up).not.toContain("COMMIT;");
      applyScript(offline, up);
      await upgrade(p.config(), "head");
      const atHead = await state(online);
      expect(await state(offline)).toEqual(atHead);
      expect((atHead as { people: { note: string }[] }).people.map((r) => r.note)).toEqual(TRICKY);
      expect((atHead as { versions: string[] }).versions).toEqual([revId(3)]);

      // A partial range from a revision: no CREATE of the bookkeeping tables, only the steps.
      const down = await script(() => downgrade(p.config(), "head:base", { sql: true }));
      expect(down).not.toMatch(/CREATE TABLE .athanor_version/);
      applyScript(offline, down);
      await downgrade(p.config(), "base");
      expect(await state(offline)).toEqual(await state(online));
      expect(await versionRows(offline)).toEqual([]);

      const stamped = await script(() => stamp(p.config(), ["base:head"], { sql: true }));
      applyScript(offline, stamped);
      await stamp(p.config(), ["head"]);
      expect(await versionRows(offline)).toEqual([revId(3)]);
      expect(await state(offline)).toEqual(await state(online));

      // Both databases kept the same audit trail, step for step.
      const trail = (db: Scratch) => withConnection(db, (conn) => conn.query("SELECT revision, direction, checksum FROM athanor_history ORDER BY id"));
      expect(await trail(offline)).toEqual(await trail(online));
    });
  });
}
