import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tableDifferences } from "./compare.js";
import { allTables, kinds } from "./fixtures.js";
import { openScratch, reflect, run, type Db } from "./helpers.js";

describe("sqlite round trip: createTable → introspect", () => {
  let db: Db;
  beforeAll(async () => {
    db = await openScratch();
    for (const t of allTables) await run(db, { kind: "createTable", table: t });
  });
  afterAll(async () => { await db.close(); });

  for (const t of allTables) {
    it(`reflects ${t.name} as it was written`, async () => {
      expect(tableDifferences(db.dialect, t, await reflect(db, t.name))).toEqual([]);
    });
  }

  it("reflects every table, sorted by name, and nothing else", async () => {
    const snap = await db.dialect.introspect(db.conn);
    expect(snap.tables.map((t) => t.name)).toEqual(allTables.map((t) => t.name).sort());
    expect(snap.enums).toEqual([]);
  });

  it("maps declared types to named kinds, enums to a wide enough VARCHAR", async () => {
    const t = (await reflect(db, "kinds"))!;
    const kindOf = (name: string) => t.columns.find((c) => c.name === name)!.type;
    expect(kindOf("created_at")).toEqual({ kind: "timestamp", withTimezone: false });
    expect(kindOf("updated_at")).toEqual({ kind: "timestamp", withTimezone: true });
    expect(kindOf("price")).toEqual({ kind: "numeric", precision: 10, scale: 2 });
    expect(kindOf("status")).toEqual({ kind: "varchar", length: 8 });
    expect(kindOf("medium")).toEqual({ kind: "raw", sql: "MEDIUMINT" });
    expect(t.columns.map((c) => c.type.kind)).toEqual(kinds.columns.map((c) => (c.type.kind === "enum" ? "varchar" : c.type.kind)));
  });

  it("reflects stored defaults as they follow DEFAULT and the generated key without one", async () => {
    const t = (await reflect(db, "kinds"))!;
    const def = (name: string) => t.columns.find((c) => c.name === name)!.default;
    expect(def("body")).toBe("(lower('X'))");
    expect(def("created_at")).toBe("CURRENT_TIMESTAMP");
    expect(def("updated_at")).toBe("CURRENT_TIMESTAMP");
    expect(def("price")).toBe("0.00");
    expect(t.columns[0]).toMatchObject({ name: "id", autoincrement: true, default: null, nullable: false });
  });

  it("keeps constraint names it can read, and null where SQLite has none", async () => {
    const p = (await reflect(db, "parent"))!;
    expect(p.uniques).toEqual([{ name: "uq_parent_email", columns: ["email"] }, { name: null, columns: ["b", "qty"] }]);
    expect(p.checks.map((c) => c.name)).toEqual(["ck_parent_qty", null]);
    const c = (await reflect(db, "child"))!;
    expect(c.foreignKeys.map((f) => f.name)).toEqual(["fk_child_parent", "fk_child_self", null]);
    expect(c.foreignKeys[0]).toMatchObject({ onDelete: "CASCADE", onUpdate: "SET NULL", referredColumns: ["a", "b"] });
  });

  it("the generated key generates: inserting without an id numbers the rows", async () => {
    await db.conn.execute(`INSERT INTO indexed (name, tenant) VALUES ('a', 1), ('b', 1)`);
    expect(await db.conn.query(`SELECT id FROM indexed ORDER BY id`)).toEqual([{ id: 1 }, { id: 2 }]);
  });

  it("an INTEGER key the model does not generate stays out of the rowid", async () => {
    const t = (await reflect(db, "manual_key"))!;
    expect(t.columns[0]).toMatchObject({ autoincrement: false, type: { kind: "integer" } });
  });
});
