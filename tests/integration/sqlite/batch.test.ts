/**
 * op.batchAlterTable on SQLite with real data: one move-and-copy for a whole batch keeps every
 * row and every relation, and a failure anywhere leaves the table exactly as it was.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isAthanorError } from "../../../src/errors.js";
import { Operations } from "../../../src/operations/operations.js";
import { all, CHILDREN, dump, openFixture, PARENTS, recreations, runOps, schemaText } from "./batch-fixture.js";
import { reflect, runInTransaction, type Db } from "./helpers.js";

describe("sqlite batchAlterTable on a populated database", () => {
  let db: Db;
  beforeEach(async () => { db = await openFixture(); });
  afterEach(async () => { await db.close(); });

  it("changes a type, nullability and a default, drops a column, swaps a foreign key, a unique and a check: one recreate, nothing lost", async () => {
    const parentsBefore = await dump(db, "parent");
    const childrenBefore = await dump(db, "child");
    const statements = await runOps(db, (op) => op.batchAlterTable("parent", async (batch) => {
      await batch.alterColumn("score", { type: "real" });
      await batch.alterColumn("status", { nullable: false, serverDefault: "'open'" });
      await batch.dropColumn("legacy");
      await batch.dropConstraint("fk_parent_owner", { type: "foreignkey" });
      await batch.createForeignKey("fk_parent_owner_cascade", "owner", ["owner_id"], ["id"], { onDelete: "CASCADE" });
      await batch.dropConstraint("uq_parent_name", { type: "unique" });
      await batch.createUniqueConstraint("uq_parent_name_status", ["name", "status"]);
      await batch.dropConstraint("ck_parent_name", { type: "check" });
      await batch.createCheckConstraint("ck_parent_score", "score IS NULL OR score >= 0");
    }));
    expect(recreations(statements)).toBe(1);
    if (process.env.SHOW_SQL) console.log(statements.join(";\n"));

    // Every row, with its rowid; the score now a REAL, legacy gone.
    const parentsAfter = await dump(db, "parent");
    expect(parentsAfter).toHaveLength(PARENTS);
    expect(parentsAfter).toEqual(parentsBefore.map(({ legacy: _legacy, ...r }) => ({ ...r, score: r.score === null ? null : Number(r.score) })));
    expect(await all(db, "SELECT count(*) AS n FROM parent WHERE typeof(score) NOT IN ('real', 'null')")).toEqual([{ n: 0 }]);
    // The cascading child never lost a row, and still points at the parent.
    expect(await dump(db, "child")).toEqual(childrenBefore);
    expect((await reflect(db, "child"))!.foreignKeys).toMatchObject([{ referredTable: "parent", referredColumns: ["id"], onDelete: "CASCADE" }]);

    const t = (await reflect(db, "parent"))!;
    expect(t.columns.map((c) => c.name)).toEqual(["id", "name", "score", "status", "note", "owner_id", "manager_id"]);
    expect(t.columns[0]).toMatchObject({ name: "id", autoincrement: true });
    expect(t.columns.find((c) => c.name === "score")!.type).toEqual({ kind: "real" });
    expect(t.columns.find((c) => c.name === "status")).toMatchObject({ nullable: false, default: "'open'" });
    expect(t.foreignKeys).toEqual([
      { name: "fk_parent_owner_cascade", columns: ["owner_id"], referredSchema: null, referredTable: "owner", referredColumns: ["id"], onDelete: "CASCADE", onUpdate: null },
      { name: null, columns: ["manager_id"], referredSchema: null, referredTable: "parent", referredColumns: ["id"], onDelete: "SET NULL", onUpdate: null },
    ]);
    expect(t.uniques).toEqual([{ name: "uq_parent_name_status", columns: ["name", "status"] }]);
    expect(t.checks.map((c) => c.name)).toEqual(["ck_parent_score", null]);
    expect(t.checks[1]!.expression).toBe("status <> ''");
    expect(t.indexes.map((i) => i.name)).toEqual(["ix_parent_lower_note", "ix_parent_status"]);

    // What the snapshot does not describe survives too: AUTOINCREMENT and its counter, the collation.
    const [{ sql }] = await all(db, "SELECT sql FROM sqlite_schema WHERE name = 'parent'") as { sql: string }[];
    expect(sql).toMatch(/"id" INTEGER PRIMARY KEY AUTOINCREMENT/);
    expect(sql).toMatch(/"name" VARCHAR\(40\) COLLATE NOCASE NOT NULL/);
    expect(sql).not.toMatch(/DEFERRABLE/); // it belonged to the foreign key the batch dropped
    expect(await all(db, "SELECT seq FROM sqlite_sequence WHERE name = 'parent'")).toEqual([{ seq: PARENTS + 10 }]);
    expect(await all(db, "SELECT count(*) AS n FROM parent WHERE name = 'NAME 7'")).toEqual([{ n: 1 }]);

    // The trigger was recreated and fires; the view resolves; no leftovers.
    await db.conn.execute("UPDATE parent SET status = 'archived' WHERE id = 9");
    expect(await all(db, "SELECT parent_id, what FROM audit")).toEqual([{ parent_id: 9, what: "archived" }]);
    expect(await all(db, "SELECT count(*) AS n, sum(children) AS c FROM parent_summary")).toEqual([{ n: PARENTS, c: CHILDREN }]);
    expect(await all(db, "SELECT name FROM sqlite_schema WHERE name LIKE '%athanor%' UNION ALL SELECT name FROM temp.sqlite_schema")).toEqual([]);
    expect(await all(db, "PRAGMA foreign_key_check")).toEqual([]);
    expect(await all(db, "PRAGMA integrity_check")).toEqual([{ integrity_check: "ok" }]);

    // The relations still act: with foreign keys on, deleting a parent cascades to its children.
    await db.conn.execute("PRAGMA foreign_keys = ON");
    await db.conn.execute("DELETE FROM parent WHERE id = 1500");
    await db.conn.execute("PRAGMA foreign_keys = OFF");
    expect(await all(db, "SELECT count(*) AS n FROM child")).toEqual([{ n: CHILDREN - 2 }]);
    expect(await all(db, "SELECT id, manager_id FROM parent WHERE id IN (2999, 3000) ORDER BY id")).toEqual([{ id: 2999, manager_id: 1499 }, { id: 3000, manager_id: null }]);
  });

  it("a failure in the middle of the recreate (a NOT NULL the rows break) leaves the table and its data untouched", async () => {
    const before = { schema: await schemaText(db), parent: await dump(db, "parent"), child: await dump(db, "child") };
    const err = await runOps(db, (op) => op.batchAlterTable("parent", async (batch) => {
      await batch.dropColumn("legacy");
      await batch.alterColumn("note", { nullable: false });
    })).catch((e: unknown) => e);
    expect(isAthanorError(err) && err.message).toMatch(/NOT NULL constraint failed: _athanor_tmp_parent\.note/);
    expect(await schemaText(db)).toEqual(before.schema);
    expect(await dump(db, "parent")).toEqual(before.parent);
    expect(await dump(db, "child")).toEqual(before.child);
    expect(await all(db, "SELECT name FROM temp.sqlite_schema")).toEqual([]);
  });

  it("a foreign key the rows break fails the foreign_key_check, naming the table and rowid, and rolls back", async () => {
    const before = { schema: await schemaText(db), parent: await dump(db, "parent") };
    const err = await runOps(db, (op) => op.batchAlterTable("parent", async (batch) => {
      await batch.alterColumn("score", { type: "real" });
      await batch.createForeignKey("fk_parent_manager_owner", "owner", ["manager_id"], ["id"]);
    })).catch((e: unknown) => e);
    expect(isAthanorError(err) && err.message).toMatch(/^foreign key check failed after recreating "parent": row \d+ of "parent" has no matching row in "owner"/);
    expect(await schemaText(db)).toEqual(before.schema);
    expect(await dump(db, "parent")).toEqual(before.parent);
  });

  it("with foreign keys ON inside the transaction it refuses before touching anything (a drop would cascade)", async () => {
    const children = await dump(db, "child");
    await db.conn.execute("PRAGMA foreign_keys = ON");
    const err = await runOps(db, (op) => op.batchAlterTable("parent", async (batch) => {
      await batch.alterColumn("score", { type: "real" });
    })).catch((e: unknown) => e);
    await db.conn.execute("PRAGMA foreign_keys = OFF");
    expect(isAthanorError(err) && err.message).toMatch(/^PRAGMA foreign_keys is ON: recreating "parent" would fire ON DELETE CASCADE/);
    expect(await dump(db, "child")).toEqual(children);
  });

  it("recreate: \"never\" names the op that needs a recreate; \"auto\" runs in-place ops as ALTERs; \"always\" recreates anyway", async () => {
    const never = await runOps(db, (op) => op.batchAlterTable("parent", async (batch) => {
      await batch.addColumn("extra", { type: "text" });
      await batch.createCheckConstraint("ck_parent_extra", "extra <> ''");
    }, { recreate: "never" })).catch((e: unknown) => e);
    expect(isAthanorError(never) && never.message).toMatch(/recreate: "never" \}\): createCheckConstraint "ck_parent_extra" needs the table recreated/);
    expect((await reflect(db, "parent"))!.columns.map((c) => c.name)).not.toContain("extra");

    const inPlace = async (batch: Parameters<Parameters<import("../../../src/operations/operations.js").Operations["batchAlterTable"]>[1]>[0]) => {
      await batch.addColumn("extra", { type: "text" });
      await batch.createIndex("ix_parent_extra", ["extra"]);
      await batch.alterColumn("note", { newName: "remark" });
      await batch.dropIndex("ix_parent_extra");
      await batch.dropColumn("extra");
    };
    const auto = await runOps(db, (op) => op.batchAlterTable("parent", inPlace));
    expect(recreations(auto)).toBe(0);
    expect(auto).toEqual([
      `ALTER TABLE "parent" ADD COLUMN "extra" TEXT`,
      `CREATE INDEX "ix_parent_extra" ON "parent" ("extra")`,
      `ALTER TABLE "parent" RENAME COLUMN "note" TO "remark"`,
      `DROP INDEX "ix_parent_extra"`,
      `ALTER TABLE "parent" DROP COLUMN "extra"`,
    ]);
    const rows = await dump(db, "parent");
    const always = await runOps(db, (op) => op.batchAlterTable("parent", async () => {}, { recreate: "always" }));
    expect(recreations(always)).toBe(1);
    expect(await dump(db, "parent")).toEqual(rows);
    // The deferrable key the batch did not touch keeps DEFERRABLE.
    const [{ sql }] = await all(db, "SELECT sql FROM sqlite_schema WHERE name = 'parent'") as { sql: string }[];
    expect(sql).toMatch(/CONSTRAINT "fk_parent_owner" FOREIGN KEY \("owner_id"\) REFERENCES "owner" \("id"\) DEFERRABLE INITIALLY DEFERRED/);
  });

  it("leading renames run in place, so children's keys, the view, the trigger and the index follow the new name", async () => {
    const statements = await runOps(db, (op) => op.batchAlterTable("parent", async (batch) => {
      await batch.alterColumn("id", { newName: "pid" });
      await batch.alterColumn("note", { newName: "remark" });
      await batch.alterColumn("score", { type: "real" });
    }));
    expect(recreations(statements)).toBe(1);
    expect(statements.filter((s) => s.includes("RENAME COLUMN"))).toHaveLength(2);
    expect((await reflect(db, "child"))!.foreignKeys[0]).toMatchObject({ referredTable: "parent", referredColumns: ["pid"] });
    const t = (await reflect(db, "parent"))!;
    expect(t.foreignKeys.find((f) => f.columns[0] === "manager_id")).toMatchObject({ referredTable: "parent", referredColumns: ["pid"] });
    expect(t.indexes.find((i) => i.name === "ix_parent_lower_note")).toMatchObject({ columns: [{ expression: 'lower("remark")' }], where: '"remark" IS NOT NULL' });
    expect(await all(db, "SELECT count(*) AS n, sum(children) AS c FROM parent_summary")).toEqual([{ n: PARENTS, c: CHILDREN }]);
    await db.conn.execute("UPDATE parent SET status = 'x' WHERE pid = 2");
    expect(await all(db, "SELECT parent_id FROM audit")).toEqual([{ parent_id: 2 }]);
    expect(await all(db, "PRAGMA foreign_key_check")).toEqual([]);
  });

  it("a rename after other changes is carried by the copy: values follow the column, expressions its name", async () => {
    const notes = await all(db, "SELECT id, note FROM parent ORDER BY id");
    const statements = await runOps(db, (op) => op.batchAlterTable("parent", async (batch) => {
      await batch.alterColumn("score", { type: "real" });
      await batch.alterColumn("note", { newName: "remark", type: "varchar(200)" });
    }));
    expect(recreations(statements)).toBe(1);
    expect(statements.some((x) => x.includes("RENAME COLUMN"))).toBe(false);
    expect(await all(db, "SELECT id, remark AS note FROM parent ORDER BY id")).toEqual(notes);
    expect((await reflect(db, "parent"))!.indexes.find((i) => i.name === "ix_parent_lower_note")).toMatchObject({ columns: [{ expression: 'lower("remark")' }] });
    const bad = await runOps(db, (op) => op.batchAlterTable("parent", async () => {}, { recreate: "sometimes" as "auto" })).catch((e: unknown) => e);
    expect(isAthanorError(bad) && bad.message).toMatch(/recreate must be "auto", "always" or "never", not "sometimes"/);
  });

  it("stops, naming them, when a trigger or a view would break on a column the batch drops", async () => {
    const before = await schemaText(db);
    const trigger = await runOps(db, (op) => op.batchAlterTable("parent", async (batch) => {
      await batch.dropColumn("status");
    })).catch((e: unknown) => e);
    expect(isAthanorError(trigger) && trigger.message).toMatch(/trigger "trg_parent_audit" \(uses "status"\) would break/);
    const view = await runOps(db, (op) => op.batchAlterTable("parent", async (batch) => {
      await batch.dropColumn("name");
    })).catch((e: unknown) => e);
    expect(isAthanorError(view) && view.message).toMatch(/no such column: p\.name[\s\S]*SQL: SELECT \* FROM "parent_summary" LIMIT 0/);
    expect(await schemaText(db)).toEqual(before);
  });
});

describe("sqlite batchAlterTable offline (--sql)", () => {
  let db: Db;
  beforeEach(async () => { db = await openFixture(); });
  afterEach(async () => { await db.close(); });

  const copyFrom = {
    columns: {
      id: { type: "integer", primaryKey: true, autoincrement: true },
      parent_id: { type: "integer", nullable: false },
      qty: { type: "integer" },
    },
    foreignKeys: [{ columns: ["parent_id"], referredTable: "parent", referredColumns: ["id"], onDelete: "CASCADE" as const }],
    indexes: [{ name: "ix_child_parent", columns: ["parent_id"] }],
  };

  it("renders the recreate from copyFrom, and the script keeps every row when it runs", async () => {
    const rows = await dump(db, "child");
    const script = await compileOffline(db, (op) => op.batchAlterTable("child", async (batch) => {
      await batch.alterColumn("qty", { type: "text" });
      await batch.createCheckConstraint("ck_child_qty", "qty <> ''");
    }, { copyFrom }));
    expect(recreations(script)).toBe(1);
    await runInTransaction(db, script);
    expect(await dump(db, "child")).toEqual(rows.map((r) => ({ ...r, qty: String(r.qty) })));
    expect((await reflect(db, "child"))!).toMatchObject({
      foreignKeys: [{ referredTable: "parent", referredColumns: ["id"], onDelete: "CASCADE" }],
      checks: [{ name: "ck_child_qty" }],
      indexes: [{ name: "ix_child_parent" }],
    });
  });

  it("without copyFrom it says to give one; on a table with triggers the script stops rather than lose them", async () => {
    const err = await compileOffline(db, (op) => op.batchAlterTable("child", async (batch) => {
      await batch.createCheckConstraint("ck_child_qty", "qty > 0");
    })).catch((e: unknown) => e);
    expect(isAthanorError(err) && err.message).toMatch(/offline \(--sql\) give it as copyFrom/);

    const before = await schemaText(db);
    const script = await compileOffline(db, (op) => op.batchAlterTable("parent", async (batch) => {
      await batch.alterColumn("legacy", { type: "integer" });
    }, { copyFrom: { columns: { id: { type: "integer", primaryKey: true, autoincrement: true }, name: { type: "varchar(40)" }, legacy: { type: "text" } } } }));
    const failed = await runInTransaction(db, script).catch((e: unknown) => e);
    expect(isAthanorError(failed) && failed.message).toMatch(/^table "parent" has triggers, which a recreate written offline \(--sql\) cannot carry over/);
    expect(await schemaText(db)).toEqual(before);
  });
});

async function compileOffline(db: Db, body: (op: Operations) => Promise<void>): Promise<string[]> {
  const out: string[] = [];
  const ctx = { offline: true, reflectTable: async () => null };
  await body(new Operations({
    dialectName: db.dialect.name,
    reflectTable: async () => null,
    async run(op) { out.push(...await db.dialect.compile(op, ctx)); },
    async autocommit() { throw new Error("unused"); },
  }));
  return out;
}

