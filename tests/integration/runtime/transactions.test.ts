/**
 * Transactions on real databases: a failing operation in revision 3 of 5 leaves PostgreSQL and
 * SQLite at revision 2 (schema, version table and history alike); on MySQL, where DDL commits
 * as it runs, the error says what revision 3 had already applied and how to recover, and a
 * rerun after fixing the file completes. transactionPerMigration: false rolls a whole run back;
 * op.autocommitBlock runs what refuses a transaction block (CREATE INDEX CONCURRENTLY).
 */
import { afterEach, describe, expect, it } from "vitest";
import { downgrade, upgrade } from "../../../src/commands/migrate.js";
import { isAthanorError } from "../../../src/errors.js";
import { ALL_DIALECTS, scratchDatabase, serverAvailable, type Scratch } from "../../support/databases.js";
import { chainProject, revId, userTables, versionRows, withConnection, type ChainProject, type RevisionSource } from "./fixtures.js";

const LOG = `op.bulkInsert("applied_log", [{ rev: REV }]);`;

/** Five revisions; each creates t<n> and logs itself; revision 3 then runs a statement that fails. */
function chain(failing: boolean): RevisionSource[] {
  return [1, 2, 3, 4, 5].map((n) => {
    const create = n === 1
      ? `await op.createTable("applied_log", { rev: { type: "varchar(32)", nullable: false } });\n`
      : "";
    const bad = n === 3 ? (failing ? `  await op.execute("INSERT INTO no_such_table VALUES (1)");\n` : "") : "";
    return {
      id: revId(n),
      up: `  ${create}  await op.createTable("t${n}", { id: { type: "integer", primaryKey: true } });\n${bad}  await ${LOG.replace("REV", JSON.stringify(revId(n)))}`,
      down: `  await op.dropTable("t${n}");${n === 1 ? `\n  await op.dropTable("applied_log");` : `\n  await op.execute("DELETE FROM applied_log WHERE rev = '${revId(n)}'");`}`,
    };
  });
}

async function logRows(db: Scratch): Promise<string[]> {
  return withConnection(db, async (conn) => (await conn.query<{ rev: string }>("SELECT rev FROM applied_log")).map((r) => r.rev).sort());
}

async function historyCount(db: Scratch): Promise<number> {
  return withConnection(db, async (conn) => Number((await conn.query<{ n: unknown }>("SELECT count(*) AS n FROM athanor_history"))[0]!.n));
}

async function failure(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error("expected the run to fail");
}

for (const dialectName of ALL_DIALECTS) {
  describe(`transactions on ${dialectName}`, () => {
    let db: Scratch | null = null;
    let project: ChainProject | null = null;
    afterEach(async () => {
      project?.remove();
      await db?.drop();
      db = null;
      project = null;
    });

    it("an operation failing in revision 3 of 5: state stays at revision 2 (or is reported half-applied), and a rerun after the fix completes", async (ctx) => {
      if (!(await serverAvailable(dialectName))) return ctx.skip();
      db = await scratchDatabase(dialectName, "athanor_tx");
      project = chainProject(db.urlString, chain(true));
      const error = await failure(upgrade(project.config(), "head"));
      expect(isAthanorError(error) && error.code).toBe("MIGRATION");
      expect(error.message).toContain(`revision ${revId(3)}`);
      expect(error.message).toContain("operation execute");
      expect(error.message).toContain("no_such_table");
      expect(await versionRows(db)).toEqual([revId(2)]);
      expect(await historyCount(db)).toBe(2);
      expect(await logRows(db)).toEqual([revId(1), revId(2)]);
      const q = db.dialect.quoteIdentifier;
      if (db.dialect.transactionalDdl) {
        expect(error.message).toContain(`Rolled back: the database stays at ${revId(2)}`);
        expect(await userTables(db)).toEqual(["applied_log", "t1", "t2"]);
      } else {
        // DDL committed as it ran: t3 exists, and the message lists it as already applied.
        expect(error.message).toContain("Already applied from it (1 statement)");
        expect(error.message).toMatch(/CREATE TABLE `t3`/);
        expect(error.message).toContain(`The version table still records ${revId(2)}`);
        expect(error.message).toContain(`run "athanor upgrade head" again`);
        expect(await userTables(db)).toEqual(["applied_log", "t1", "t2", "t3"]);
        // Following the advice: undo what was applied by hand.
        await withConnection(db, (conn) => conn.execute(`DROP TABLE ${q("t3")}`));
      }
      const fixed = chain(false)[2]!;
      project.write(fixed, revId(2));
      const rerun = await upgrade(project.config(), "head");
      expect(rerun.steps.map((s) => s.revision)).toEqual([revId(3), revId(4), revId(5)]);
      expect(await versionRows(db)).toEqual([revId(5)]);
      expect(await logRows(db)).toEqual([1, 2, 3, 4, 5].map(revId));
      expect(await historyCount(db)).toBe(5);
    });

    it("transactionPerMigration: false runs the whole upgrade in one transaction", async (ctx) => {
      if (!(await serverAvailable(dialectName))) return ctx.skip();
      db = await scratchDatabase(dialectName, "athanor_tx");
      if (!db.dialect.transactionalDdl) return ctx.skip(); // DDL cannot roll back here
      project = chainProject(db.urlString, chain(true), { transactionPerMigration: false });
      const error = await failure(upgrade(project.config(), "head"));
      expect(error.message).toContain(`revision ${revId(3)}`);
      expect(error.message).toContain("Rolled back: the database stays at <base>");
      expect(await versionRows(db)).toEqual([]);
      expect(await userTables(db)).toEqual([]);
      project.write(chain(false)[2]!, revId(2));
      await upgrade(project.config(), "head");
      expect(await versionRows(db)).toEqual([revId(5)]);
      await downgrade(project.config(), "base");
      expect(await userTables(db)).toEqual([]);
      expect(await versionRows(db)).toEqual([]);
    });
  });
}

describe("op.autocommitBlock on postgresql", () => {
  let db: Scratch | null = null;
  let project: ChainProject | null = null;
  afterEach(async () => {
    project?.remove();
    await db?.drop();
  });

  it("runs CREATE INDEX CONCURRENTLY, which a transaction block refuses", async (ctx) => {
    if (!(await serverAvailable("postgresql"))) return ctx.skip();
    db = await scratchDatabase("postgresql", "athanor_tx");
    const create = `  await op.createTable("items", { id: { type: "integer", primaryKey: true }, name: { type: "text" } });\n`;
    const index = `await op.createIndex("ix_items_name", "items", ["name"], { concurrently: true });`;
    project = chainProject(db.urlString, [
      { id: revId(1), up: `${create}  ${index}` },
    ]);
    const refused = await failure(upgrade(project.config(), "head"));
    expect(refused.message).toContain("CREATE INDEX CONCURRENTLY cannot run inside a transaction block");
    expect(await versionRows(db)).toEqual([]);

    project.write({ id: revId(1), up: `${create}  await op.autocommitBlock(async () => {\n    ${index}\n  });\n  await op.execute("INSERT INTO items VALUES (1, 'after the block')");` }, null);
    await upgrade(project.config(), "head");
    expect(await versionRows(db)).toEqual([revId(1)]);
    const found = await withConnection(db, async (conn) => ({
      index: await conn.query("SELECT indexname FROM pg_indexes WHERE tablename = 'items' AND indexname = 'ix_items_name'"),
      rows: await conn.query("SELECT name FROM items"),
    }));
    expect(found.index).toHaveLength(1);
    expect(found.rows).toEqual([{ name: "after the block" }]);
  });
});
