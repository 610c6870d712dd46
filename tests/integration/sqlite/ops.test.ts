import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isAthanorError } from "../../../src/errors.js";
import type { CompileContext } from "../../../src/dialects/dialect.js";
import type { Op } from "../../../src/operations/types.js";
import { col, openScratch, reflect, rows, run, table, type Db } from "./helpers.js";

const ref = { schema: null, table: "items" } as const;
const items = table("items", [
  col("id", { kind: "integer" }, { nullable: false, autoincrement: true }),
  col("name", { kind: "varchar", length: 20 }, { nullable: false }),
  col("qty", { kind: "integer" }, { default: "0" }),
  col("note", { kind: "text" }),
], {
  primaryKey: { name: null, columns: ["id"] },
  indexes: [{ name: "ix_items_qty", columns: ["qty"], unique: false, where: null }],
});
const other = table("other", [col("id", { kind: "integer" }, { nullable: false, autoincrement: true })], { primaryKey: { name: null, columns: ["id"] } });

describe("sqlite ops compile, run, and show in introspection", () => {
  let db: Db;
  beforeEach(async () => {
    db = await openScratch();
    await run(db, { kind: "createTable", table: items });
    await run(db, { kind: "createTable", table: other });
    await db.conn.execute(`INSERT INTO items (name, qty, note) VALUES ('a', 1, 'x'), ('b', 2, NULL)`);
  });
  afterEach(async () => { await db.close(); });

  const column = async (name: string) => (await reflect(db, "items"))!.columns.find((c) => c.name === name);

  it("addColumn: nullable in place", async () => {
    const sql = await run(db, { kind: "addColumn", ...ref, column: col("extra", { kind: "varchar", length: 5 }) });
    expect(sql).toEqual([`ALTER TABLE "items" ADD COLUMN "extra" VARCHAR(5)`]);
    expect(await column("extra")).toMatchObject({ nullable: true, type: { kind: "varchar", length: 5 } });
  });

  it("addColumn: NOT NULL with a constant default in place; old rows get the default", async () => {
    const sql = await run(db, { kind: "addColumn", ...ref, column: col("flag", { kind: "boolean" }, { nullable: false, default: "false" }) });
    expect(sql).toHaveLength(1);
    expect(await column("flag")).toMatchObject({ nullable: false, default: "false" });
    expect(await rows(db, "SELECT flag FROM items")).toEqual([{ flag: 0 }, { flag: 0 }]);
  });

  it("addColumn: CURRENT_TIMESTAMP default rebuilds the table and fills old rows", async () => {
    const sql = await run(db, { kind: "addColumn", ...ref, column: col("at", { kind: "timestamp", withTimezone: false }, { nullable: false, default: "CURRENT_TIMESTAMP" }) });
    expect(sql.some((s) => s.startsWith(`CREATE TABLE "_athanor_tmp_items"`))).toBe(true);
    expect(await column("at")).toMatchObject({ nullable: false, default: "CURRENT_TIMESTAMP" });
    const r = await rows(db, "SELECT name, at FROM items ORDER BY id");
    expect(r.map((x) => x.name)).toEqual(["a", "b"]);
    expect(r.every((x) => typeof x.at === "string" && /^\d{4}-\d\d-\d\d /.test(x.at))).toBe(true);
    expect((await reflect(db, "items"))!.indexes.map((i) => i.name)).toEqual(["ix_items_qty"]);
  });

  it("addColumn: NOT NULL without a default on rows fails, leaving the table as it was", async () => {
    await expect(run(db, { kind: "addColumn", ...ref, column: col("must", { kind: "integer" }, { nullable: false }) }))
      .rejects.toMatchObject({ code: "DATABASE" });
    expect(await column("must")).toBeUndefined();
    expect(await rows(db, "SELECT count(*) AS n FROM items")).toEqual([{ n: 2 }]);
  });

  it("dropColumn: a plain column in place, an indexed one by rebuild (its index goes)", async () => {
    expect(await run(db, { kind: "dropColumn", ...ref, column: col("note", { kind: "text" }) }))
      .toEqual([`ALTER TABLE "items" DROP COLUMN "note"`]);
    const sql = await run(db, { kind: "dropColumn", ...ref, column: col("qty", { kind: "integer" }) });
    expect(sql.some((s) => s.startsWith("DROP TABLE"))).toBe(true);
    const t = (await reflect(db, "items"))!;
    expect(t.columns.map((c) => c.name)).toEqual(["id", "name"]);
    expect(t.indexes).toEqual([]);
    expect(await rows(db, "SELECT id, name FROM items ORDER BY id")).toEqual([{ id: 1, name: "a" }, { id: 2, name: "b" }]);
  });

  it("alterColumn: type, nullable and default by rebuild", async () => {
    const existing = items.columns[2]!;
    await run(db, { kind: "alterColumn", ...ref, column: "qty", existing, changes: { type: { kind: "bigint" }, nullable: false, default: "7" } });
    await run(db, { kind: "alterColumn", ...ref, column: "name", existing: items.columns[1]!, changes: { type: { kind: "varchar", length: 50 } } });
    expect(await column("qty")).toMatchObject({ type: { kind: "bigint" }, nullable: false, default: "7" });
    expect(await column("name")).toMatchObject({ type: { kind: "varchar", length: 50 } });
    await db.conn.execute(`INSERT INTO items (name) VALUES ('c')`);
    expect(await rows(db, "SELECT name, qty FROM items ORDER BY id")).toEqual([{ name: "a", qty: 1 }, { name: "b", qty: 2 }, { name: "c", qty: 7 }]);
  });

  it("alterColumn: a default dropped, a NOT NULL relaxed", async () => {
    await run(db, { kind: "alterColumn", ...ref, column: "qty", existing: items.columns[2]!, changes: { default: null } });
    await run(db, { kind: "alterColumn", ...ref, column: "name", existing: items.columns[1]!, changes: { nullable: true } });
    expect(await column("qty")).toMatchObject({ default: null });
    expect(await column("name")).toMatchObject({ nullable: true });
  });

  it("alterColumn: comment only compiles to nothing; newName alone renames in place", async () => {
    expect(await db.dialect.compile({ kind: "alterColumn", ...ref, column: "note", existing: items.columns[3]!, changes: { comment: "c" } }, ctxOffline)).toEqual([]);
    expect(await run(db, { kind: "alterColumn", ...ref, column: "note", existing: items.columns[3]!, changes: { newName: "remark" } }))
      .toEqual([`ALTER TABLE "items" RENAME COLUMN "note" TO "remark"`]);
    expect(await rows(db, "SELECT remark FROM items ORDER BY id")).toEqual([{ remark: "x" }, { remark: null }]);
  });

  it("alterColumn: newName with a type change rebuilds and carries the data and the index over", async () => {
    await run(db, { kind: "alterColumn", ...ref, column: "qty", existing: items.columns[2]!, changes: { newName: "quantity", type: { kind: "numeric", precision: 8, scale: 2 } } });
    const t = (await reflect(db, "items"))!;
    expect(t.columns.map((c) => c.name)).toEqual(["id", "name", "quantity", "note"]);
    expect(t.indexes).toEqual([{ name: "ix_items_qty", columns: ["quantity"], unique: false, where: null }]);
    expect(await rows(db, "SELECT quantity FROM items ORDER BY id")).toEqual([{ quantity: 1 }, { quantity: 2 }]);
  });

  it("createIndex and dropIndex, including expression and partial indexes", async () => {
    const index = { name: "ix_items_lower", columns: [{ expression: "lower(name)" }, "qty"], unique: true, where: "note IS NOT NULL" } as const;
    expect(await run(db, { kind: "createIndex", ...ref, index })).toEqual([`CREATE UNIQUE INDEX "ix_items_lower" ON "items" (lower(name), "qty") WHERE note IS NOT NULL`]);
    expect((await reflect(db, "items"))!.indexes).toContainEqual(index);
    await run(db, { kind: "dropIndex", ...ref, index });
    expect((await reflect(db, "items"))!.indexes.map((i) => i.name)).toEqual(["ix_items_qty"]);
  });

  it("createUniqueConstraint: named, enforced", async () => {
    await run(db, { kind: "createUniqueConstraint", ...ref, unique: { name: "uq_items_name", columns: ["name"] } });
    expect((await reflect(db, "items"))!.uniques).toEqual([{ name: "uq_items_name", columns: ["name"] }]);
    await expect(db.conn.execute(`INSERT INTO items (name) VALUES ('a')`)).rejects.toMatchObject({ code: "DATABASE" });
  });

  it("createForeignKey and createCheckConstraint", async () => {
    await run(db, { kind: "addColumn", ...ref, column: col("other_id", { kind: "integer" }) });
    const fk = { name: "fk_items_other", columns: ["other_id"], referredSchema: null, referredTable: "other", referredColumns: ["id"], onDelete: "SET NULL", onUpdate: null } as const;
    await run(db, { kind: "createForeignKey", ...ref, foreignKey: fk });
    await run(db, { kind: "createCheckConstraint", ...ref, check: { name: "ck_items_qty", expression: "qty >= 0" } });
    const t = (await reflect(db, "items"))!;
    expect(t.foreignKeys).toEqual([fk]);
    expect(t.checks).toEqual([{ name: "ck_items_qty", expression: "qty >= 0" }]);
    await expect(db.conn.execute(`INSERT INTO items (name, qty) VALUES ('z', -1)`)).rejects.toThrow(/CHECK constraint failed/);
  });

  it("createPrimaryKey on a table without one; dropConstraint of the primary key", async () => {
    await run(db, { kind: "createTable", table: table("nokey", [col("code", { kind: "varchar", length: 4 }), col("v", { kind: "text" })]) });
    await db.conn.execute(`INSERT INTO nokey VALUES ('a', '1')`);
    await run(db, { kind: "createPrimaryKey", schema: null, table: "nokey", primaryKey: { name: "pk_nokey", columns: ["code"] } });
    let t = (await reflect(db, "nokey"))!;
    expect(t.primaryKey?.columns).toEqual(["code"]);
    expect(t.columns[0]).toMatchObject({ nullable: false });
    await run(db, { kind: "dropConstraint", schema: null, table: "nokey", name: "pk_nokey", type: "primary", prior: { name: "pk_nokey", columns: ["code"] } });
    t = (await reflect(db, "nokey"))!;
    expect(t.primaryKey).toBeNull();
    expect(await rows(db, "SELECT * FROM nokey")).toEqual([{ code: "a", v: "1" }]);
  });

  it("dropConstraint of each kind, named or matched by its prior shape when SQLite keeps no name", async () => {
    const t0 = table("cons", [
      col("id", { kind: "integer" }, { nullable: false, autoincrement: true }),
      col("a", { kind: "integer" }), col("b", { kind: "integer" }), col("o", { kind: "integer" }),
    ], {
      primaryKey: { name: null, columns: ["id"] },
      uniques: [{ name: "uq_cons_a", columns: ["a"] }, { name: null, columns: ["b"] }],
      foreignKeys: [{ name: "fk_cons_o", columns: ["o"], referredSchema: null, referredTable: "other", referredColumns: ["id"], onDelete: null, onUpdate: null }],
      checks: [{ name: "ck_cons_a", expression: "a > 0" }, { name: null, expression: "b > 0" }],
    });
    const at = { schema: null, table: "cons" };
    await run(db, { kind: "createTable", table: t0 });
    await run(db, { kind: "dropConstraint", ...at, name: "uq_cons_a", type: "unique" });
    await run(db, { kind: "dropConstraint", ...at, name: "uq_cons_b", type: "unique", prior: { name: "uq_cons_b", columns: ["b"] } });
    await run(db, { kind: "dropConstraint", ...at, name: "fk_cons_o", type: "foreignkey" });
    await run(db, { kind: "dropConstraint", ...at, name: "ck_cons_a", type: "check" });
    await run(db, { kind: "dropConstraint", ...at, name: "ck_cons_b", type: "check", prior: { name: null, expression: "b>0" } });
    const t = (await reflect(db, "cons"))!;
    expect([t.uniques, t.foreignKeys, t.checks]).toEqual([[], [], []]);
    expect(t.primaryKey?.columns).toEqual(["id"]);
    await expect(run(db, { kind: "dropConstraint", ...at, name: "nope", type: "check" })).rejects.toMatchObject({ code: "MIGRATION" });
  });

  it("renameTable, dropTable", async () => {
    expect(await run(db, { kind: "renameTable", schema: null, from: "other", to: "others" })).toEqual([`ALTER TABLE "other" RENAME TO "others"`]);
    expect((await db.dialect.introspect(db.conn)).tables.map((t) => t.name)).toEqual(["items", "others"]);
    await run(db, { kind: "dropTable", table: { ...other, name: "others" } });
    expect((await db.dialect.introspect(db.conn)).tables.map((t) => t.name)).toEqual(["items"]);
  });

  it("comments and enums compile to no statements", async () => {
    const e = { schema: null, name: "mood", values: ["a", "b"] };
    const none: Op[] = [
      { kind: "createTableComment", ...ref, comment: "c", existing: null },
      { kind: "dropTableComment", ...ref, existing: "c" },
      { kind: "createEnum", enum: e }, { kind: "dropEnum", enum: e }, { kind: "addEnumValue", enum: e, value: "c" },
    ];
    for (const op of none) expect(await db.dialect.compile(op, ctxOffline)).toEqual([]);
  });

  it("execute runs the SQL as is", async () => {
    expect(await run(db, { kind: "execute", sql: "UPDATE items SET qty = qty * 10" })).toEqual(["UPDATE items SET qty = qty * 10"]);
    expect(await rows(db, "SELECT qty FROM items ORDER BY id")).toEqual([{ qty: 10 }, { qty: 20 }]);
  });

  it("bulkInsert writes literals; a key a row leaves out gets its default", async () => {
    await run(db, { kind: "bulkInsert", ...ref, rows: [
      { name: "it's", qty: 5, note: null },
      { name: "t", qty: true, note: new Date(Date.UTC(2024, 0, 2, 3, 4, 5)) },
      { name: "omits qty" },
    ] });
    expect(await rows(db, "SELECT name, qty, note FROM items WHERE id > 2 ORDER BY id")).toEqual([
      { name: "it's", qty: 5, note: null },
      { name: "t", qty: 1, note: "2024-01-02 03:04:05.000" },
      { name: "omits qty", qty: 0, note: null },
    ]);
    expect(await db.dialect.compile({ kind: "bulkInsert", ...ref, rows: [] }, ctxOffline)).toEqual([]);
  });

  it("offline, a rebuild without a known table is a MIGRATION error naming the table and the op", async () => {
    const err = await db.dialect.compile({ kind: "createCheckConstraint", ...ref, check: { name: "ck", expression: "qty > 0" } }, ctxOffline)
      .catch((e: unknown) => e);
    expect(isAthanorError(err)).toBe(true);
    expect(err).toMatchObject({ code: "MIGRATION" });
    expect((err as Error).message).toMatch(/createCheckConstraint.*"items".*batch mode with copyFrom/);
  });

  it("a failing statement is a DATABASE error carrying its SQL", async () => {
    const err = await db.conn.query("SELECT nope FROM items").catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "DATABASE", sql: "SELECT nope FROM items" });
    expect((err as Error).message).toContain("SELECT nope FROM items");
  });
});

const ctxOffline: CompileContext = { offline: true, reflectTable: async () => null };
