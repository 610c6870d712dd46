/**
 * Move-and-copy must keep every row: of the rebuilt table, and of child tables whose foreign keys
 * point at it with ON DELETE CASCADE (dropping the old table must not cascade).
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Op } from "../../../src/operations/types.js";
import { col, openScratch, reflect, rows, run, table, type Db } from "./helpers.js";

const at = { schema: null, table: "parent" } as const;
const parent = table("parent", [
  col("id", { kind: "integer" }, { nullable: false, autoincrement: true }),
  col("name", { kind: "varchar", length: 30 }, { nullable: false }),
  col("score", { kind: "numeric", precision: 6, scale: 2 }, { default: "0" }),
  col("email", { kind: "text" }),
], {
  primaryKey: { name: null, columns: ["id"] },
  uniques: [{ name: "uq_parent_name", columns: ["name"] }],
  indexes: [{ name: "ix_parent_lower_email", columns: [{ expression: "lower(email)" }], unique: false, where: "email IS NOT NULL" }],
});
const child = table("child", [
  col("id", { kind: "integer" }, { nullable: false, autoincrement: true }),
  col("parent_id", { kind: "integer" }, { nullable: false }),
], {
  primaryKey: { name: null, columns: ["id"] },
  foreignKeys: [{ name: "fk_child_parent", columns: ["parent_id"], referredSchema: null, referredTable: "parent", referredColumns: ["id"], onDelete: "CASCADE", onUpdate: "CASCADE" }],
});

const rebuilds: [string, Op][] = [
  ["alterColumn type", { kind: "alterColumn", ...at, column: "score", existing: parent.columns[2]!, changes: { type: { kind: "real" } } }],
  ["alterColumn nullable", { kind: "alterColumn", ...at, column: "email", existing: parent.columns[3]!, changes: { nullable: false, default: "''" } }],
  ["alterColumn rename + default", { kind: "alterColumn", ...at, column: "email", existing: parent.columns[3]!, changes: { newName: "mail", default: "'none'" } }],
  ["addColumn NOT NULL with expression default", { kind: "addColumn", ...at, column: col("slug", { kind: "text" }, { nullable: false, default: "lower('X')" }) }],
  ["createUniqueConstraint", { kind: "createUniqueConstraint", ...at, unique: { name: "uq_parent_email", columns: ["email"] } }],
  ["createCheckConstraint", { kind: "createCheckConstraint", ...at, check: { name: "ck_parent_score", expression: "score >= 0" } }],
  ["createForeignKey (self)", { kind: "createForeignKey", ...at, foreignKey: { name: "fk_parent_self", columns: ["score"], referredSchema: null, referredTable: "parent", referredColumns: ["id"], onDelete: null, onUpdate: null } }],
  ["dropConstraint unique", { kind: "dropConstraint", ...at, name: "uq_parent_name", type: "unique" }],
  ["dropColumn in a unique", { kind: "dropColumn", ...at, column: parent.columns[1]! }],
];

describe("sqlite move-and-copy keeps data", () => {
  let db: Db;
  beforeEach(async () => {
    db = await openScratch();
    await run(db, { kind: "createTable", table: parent });
    await run(db, { kind: "createTable", table: child });
    await db.conn.execute(`INSERT INTO parent (name, score, email) VALUES ('a', 1, 'A@x'), ('b', 2, 'B@x'), ('c', 3, 'C@x')`);
    await db.conn.execute(`INSERT INTO child (parent_id) VALUES (1), (1), (2), (3)`);
    await db.conn.execute(`CREATE VIEW parent_names AS SELECT id FROM parent`);
  });
  afterEach(async () => { await db.close(); });

  for (const [what, op] of rebuilds) {
    it(`${what}: parent rows, child rows, the index and the view survive`, async () => {
      const statements = await run(db, op);
      expect(statements.some((s) => s.startsWith(`CREATE TABLE "_athanor_tmp_parent"`))).toBe(true);
      expect(statements).toContain(`DROP TABLE "parent"`);
      expect(await rows(db, "SELECT id FROM parent ORDER BY id")).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
      expect(await rows(db, "SELECT count(*) AS n FROM child")).toEqual([{ n: 4 }]);
      const t = (await reflect(db, "parent"))!;
      expect(t.columns[0]).toMatchObject({ name: "id", autoincrement: true });
      expect(t.indexes.map((i) => i.name)).toEqual(["ix_parent_lower_email"]);
      expect((await reflect(db, "child"))!.foreignKeys).toEqual(child.foreignKeys);
      expect(await rows(db, "SELECT count(*) AS n FROM parent_names")).toEqual([{ n: 3 }]);
      expect(await rows(db, "PRAGMA foreign_key_check")).toEqual([]);
      expect(await rows(db, "PRAGMA legacy_alter_table")).toEqual([{ legacy_alter_table: 0 }]);
      expect((await db.dialect.introspect(db.conn)).tables.map((x) => x.name)).toEqual(["child", "parent"]);
    });
  }

  it("the rebuilt table's generated key keeps counting after the copied rows", async () => {
    await run(db, rebuilds[0]![1]);
    await db.conn.execute(`INSERT INTO parent (name) VALUES ('d')`);
    expect(await rows(db, "SELECT max(id) AS id FROM parent")).toEqual([{ id: 4 }]);
  });

  it("the rename maps the old column's values to the new one", async () => {
    await run(db, rebuilds[2]![1]);
    expect(await rows(db, "SELECT mail FROM parent ORDER BY id")).toEqual([{ mail: "A@x" }, { mail: "B@x" }, { mail: "C@x" }]);
    expect((await reflect(db, "parent"))!.indexes[0]).toMatchObject({ columns: [{ expression: 'lower("mail")' }], where: '"mail" IS NOT NULL' });
  });

  it("renameTable carries the children's foreign keys and the view along", async () => {
    await run(db, { kind: "renameTable", schema: null, from: "parent", to: "person" });
    expect((await reflect(db, "child"))!.foreignKeys[0]).toMatchObject({ referredTable: "person", referredColumns: ["id"] });
    expect(await rows(db, "SELECT count(*) AS n FROM parent_names")).toEqual([{ n: 3 }]);
    expect(await rows(db, "SELECT count(*) AS n FROM child")).toEqual([{ n: 4 }]);
  });

  it("foreign keys stay off on our connections, so a rebuild never cascades", async () => {
    expect(await rows(db, "PRAGMA foreign_keys")).toEqual([{ foreign_keys: 0 }]);
  });

  it("control: with foreign keys ON (better-sqlite3's default) the same rebuild would empty the child", async () => {
    await db.conn.execute("PRAGMA foreign_keys = ON");
    await run(db, rebuilds[0]![1]);
    expect(await rows(db, "SELECT count(*) AS n FROM child")).toEqual([{ n: 0 }]);
  });
});
