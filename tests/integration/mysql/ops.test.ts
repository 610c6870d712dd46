/** Every operation compiles, runs on the server, and reflection shows its effect. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ColumnSnapshot, ForeignKeySnapshot, TableSnapshot } from "../../../src/snapshot/types.js";
import { isAthanorError } from "../../../src/errors.js";
import { serverAvailable } from "../../support/databases.js";
import { col, INT, openDb, table, varchar } from "./helpers.js";
import type { Db } from "./helpers.js";

const available = await serverAvailable("mysql");

const parent = table("parent", [
  col("id", INT, { nullable: false, autoincrement: true }),
  col("code", varchar(10), { nullable: false }),
], { primaryKey: { name: null, columns: ["id"] } });

const child = table("child", [
  col("id", INT, { nullable: false }),
  col("parent_id", INT),
  col("name", varchar(20)),
  col("qty", INT, { nullable: false, default: "0" }),
  col("price", { kind: "numeric", precision: 8, scale: 2 }, { nullable: false }),
  col("touched", { kind: "timestamp", withTimezone: false }, { default: "CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP" }),
  col("status", { kind: "enum", name: "", values: ["new", "done"] }, { nullable: false, default: "'new'" }),
], { primaryKey: { name: null, columns: ["id"] } });

function column(t: TableSnapshot, name: string): ColumnSnapshot {
  const c = t.columns.find((x) => x.name === name);
  if (!c) throw new Error(`no column ${name} in ${t.name}: ${t.columns.map((x) => x.name).join(", ")}`);
  return c;
}

describe.skipIf(!available)("mysql operations", () => {
  let db: Db;
  /** Index names exactly as the server has them, hidden ones included. */
  const serverIndexes = async (tableName: string): Promise<string[]> => {
    const rows = await db.conn.query<{ n: string }>(
      "SELECT DISTINCT INDEX_NAME AS n FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? ORDER BY 1",
      [tableName]);
    return rows.map((r) => r.n);
  };
  const alter = async (name: string, changes: object) => {
    const existing = column(await db.table("child"), name);
    return db.run({ kind: "alterColumn", schema: null, table: "child", column: name, changes, existing });
  };

  beforeAll(async () => {
    db = await openDb();
    await db.run({ kind: "createTable", table: parent });
    await db.run({ kind: "createTable", table: child });
  });
  afterAll(async () => { await db?.close(); });

  it("addColumn and dropColumn", async () => {
    const note = col("note", varchar(50), { default: "'n/a'", comment: "free text" });
    await db.run({ kind: "addColumn", schema: null, table: "child", column: note });
    expect(column(await db.table("child"), "note")).toEqual(note);
    await db.run({ kind: "dropColumn", schema: null, table: "child", column: note });
    expect((await db.table("child")).columns.map((c) => c.name)).not.toContain("note");
  });

  it("alterColumn: type and nullability restate the column (MODIFY)", async () => {
    const sql = await alter("price", { type: { kind: "numeric", precision: 10, scale: 2 }, nullable: true });
    expect(sql[0]).toMatch(/MODIFY COLUMN `price` DECIMAL\(10,2\) NULL/);
    expect(column(await db.table("child"), "price")).toMatchObject({ type: { kind: "numeric", precision: 10, scale: 2 }, nullable: true });
    await alter("name", { nullable: false });
    expect(column(await db.table("child"), "name").nullable).toBe(false);
  });

  it("alterColumn: default alone uses SET/DROP DEFAULT", async () => {
    expect(await alter("qty", { default: "5" })).toEqual(["ALTER TABLE `child` ALTER COLUMN `qty` SET DEFAULT 5"]);
    expect(column(await db.table("child"), "qty").default).toBe("5");
    await alter("name", { default: "'it''s'" });
    expect(column(await db.table("child"), "name").default).toBe("'it''s'");
    expect(await alter("qty", { default: null })).toEqual(["ALTER TABLE `child` ALTER COLUMN `qty` DROP DEFAULT"]);
    expect(column(await db.table("child"), "qty").default).toBeNull();
  });

  it("alterColumn: comment, and a type change keeps ON UPDATE CURRENT_TIMESTAMP", async () => {
    await alter("qty", { comment: "how many" });
    expect(column(await db.table("child"), "qty")).toMatchObject({ comment: "how many", nullable: false, type: { kind: "integer" } });
    await alter("touched", { type: { kind: "timestamp", withTimezone: true }, nullable: false });
    const touched = column(await db.table("child"), "touched");
    expect(touched.type).toEqual({ kind: "timestamp", withTimezone: true });
    expect(touched.default).toMatch(/ON UPDATE current_timestamp\(\)$/i);
    expect(db.dialect.normalizeDefault(touched.default, touched.type)).toBe("CURRENT_TIMESTAMP");
  });

  it("alterColumn: newName alone (RENAME COLUMN) and with a type (CHANGE COLUMN)", async () => {
    expect((await alter("name", { newName: "title" }))[0]).toMatch(/RENAME COLUMN `name` TO `title`/);
    const renamed = column(await db.table("child"), "title");
    expect(renamed).toMatchObject({ nullable: false, default: "'it''s'" });
    expect((await alter("title", { newName: "label", type: varchar(40) }))[0]).toMatch(/CHANGE COLUMN `title` `label` VARCHAR\(40\)/);
    expect(column(await db.table("child"), "label")).toMatchObject({ type: { kind: "varchar", length: 40 }, nullable: false, default: "'it''s'" });
  });

  it("alterColumn: an enum gains a value by changing the column type", async () => {
    await alter("status", { type: { kind: "enum", name: "", values: ["new", "done", "late"] } });
    expect(column(await db.table("child"), "status")).toMatchObject({ type: { values: ["new", "done", "late"] }, default: "'new'" });
  });

  it("createIndex and dropIndex (plain, composite, unique)", async () => {
    const ix = { name: "ix_child_label_qty", columns: ["label", "qty"], unique: false, where: null };
    await db.run({ kind: "createIndex", schema: null, table: "child", index: ix });
    const ux = { name: "ux_child_label", columns: ["label"], unique: true, where: null };
    await db.run({ kind: "createIndex", schema: null, table: "child", index: ux });
    let t = await db.table("child");
    expect(t.indexes).toEqual([ix]);
    expect(t.uniques).toEqual([{ name: "ux_child_label", columns: ["label"] }]);
    await db.run({ kind: "dropIndex", schema: null, table: "child", index: ix });
    await db.run({ kind: "dropIndex", schema: null, table: "child", index: ux });
    t = await db.table("child");
    expect(t.indexes).toEqual([]);
    expect(t.uniques).toEqual([]);
  });

  it("rejects a partial index: MySQL has none", async () => {
    const op = { kind: "createIndex", schema: null, table: "child", index: { name: "ix_p", columns: ["qty"], unique: false, where: "qty > 0" } } as const;
    await expect(db.dialect.compile(op, db.ctx)).rejects.toSatisfy(isAthanorError);
  });

  it("createUniqueConstraint and dropConstraint(unique)", async () => {
    await db.run({ kind: "createUniqueConstraint", schema: null, table: "parent", unique: { name: "uq_parent_code", columns: ["code"] } });
    expect((await db.table("parent")).uniques).toEqual([{ name: "uq_parent_code", columns: ["code"] }]);
    await db.run({ kind: "dropConstraint", schema: null, table: "parent", name: "uq_parent_code", type: "unique" });
    expect((await db.table("parent")).uniques).toEqual([]);
  });

  it("createForeignKey and dropConstraint(foreignkey) also remove the index InnoDB added", async () => {
    const fk: ForeignKeySnapshot = {
      name: "fk_child_parent", columns: ["parent_id"], referredSchema: null, referredTable: "parent",
      referredColumns: ["id"], onDelete: "CASCADE", onUpdate: "SET NULL",
    };
    await db.run({ kind: "createForeignKey", schema: null, table: "child", foreignKey: fk });
    let t = await db.table("child");
    expect(t.foreignKeys).toEqual([fk]);
    expect(t.indexes).toEqual([]);
    expect(await serverIndexes("child")).toContain("fk_child_parent");
    const sql = await db.run({ kind: "dropConstraint", schema: null, table: "child", name: "fk_child_parent", type: "foreignkey", prior: fk });
    expect(sql).toEqual(["ALTER TABLE `child` DROP FOREIGN KEY `fk_child_parent`", "ALTER TABLE `child` DROP INDEX `fk_child_parent`"]);
    t = await db.table("child");
    expect(t.foreignKeys).toEqual([]);
    expect(await serverIndexes("child")).toEqual(["PRIMARY"]);
  });

  it("an unnamed foreign key gets the server's name, and dropping it leaves no index", async () => {
    const fk: ForeignKeySnapshot = {
      name: null, columns: ["parent_id"], referredSchema: null, referredTable: "parent", referredColumns: ["id"], onDelete: null, onUpdate: null,
    };
    await db.run({ kind: "createForeignKey", schema: null, table: "child", foreignKey: fk });
    const [reflected] = (await db.table("child")).foreignKeys;
    expect(reflected).toMatchObject({ name: "child_ibfk_1", columns: ["parent_id"], onDelete: null });
    expect((await db.table("child")).indexes).toEqual([]);
    await db.run({ kind: "dropConstraint", schema: null, table: "child", name: "child_ibfk_1", type: "foreignkey" });
    expect(await serverIndexes("child")).toEqual(["PRIMARY"]);
  });

  it("dropping a foreign key keeps a user index that serves it; offline compiles only the key drop", async () => {
    const fk: ForeignKeySnapshot = {
      name: "fk_kept", columns: ["parent_id"], referredSchema: null, referredTable: "parent", referredColumns: ["id"], onDelete: null, onUpdate: null,
    };
    const ix = { name: "ix_child_parent", columns: ["parent_id"], unique: false, where: null };
    await db.run({ kind: "createIndex", schema: null, table: "child", index: ix });
    await db.run({ kind: "createForeignKey", schema: null, table: "child", foreignKey: fk });
    const offline = { offline: true, reflectTable: async () => null };
    expect(await db.dialect.compile({ kind: "dropConstraint", schema: null, table: "child", name: "fk_kept", type: "foreignkey" }, offline))
      .toEqual(["ALTER TABLE `child` DROP FOREIGN KEY `fk_kept`"]);
    await db.run({ kind: "dropConstraint", schema: null, table: "child", name: "fk_kept", type: "foreignkey" });
    expect((await db.table("child")).indexes).toEqual([ix]);
    await db.run({ kind: "dropIndex", schema: null, table: "child", index: ix });
  });

  it("createCheckConstraint and dropConstraint(check)", async () => {
    await db.run({ kind: "createCheckConstraint", schema: null, table: "child", check: { name: "ck_child_qty", expression: "qty >= 0" } });
    const [check] = (await db.table("child")).checks;
    expect(check!.name).toBe("ck_child_qty");
    expect(db.dialect.normalizeExpression(check!.expression)).toBe(db.dialect.normalizeExpression("(qty >= 0)"));
    await expect(db.conn.execute("INSERT INTO child (id, price, qty) VALUES (1, 1, -1)")).rejects.toThrow(/ck_child_qty/);
    await db.run({ kind: "dropConstraint", schema: null, table: "child", name: "ck_child_qty", type: "check" });
    expect((await db.table("child")).checks).toEqual([]);
  });

  it("createPrimaryKey and dropConstraint(primary)", async () => {
    await db.run({ kind: "createTable", table: table("pk_later", [col("a", INT, { nullable: false }), col("b", INT, { nullable: false })]) });
    await db.run({ kind: "createPrimaryKey", schema: null, table: "pk_later", primaryKey: { name: "pk_pk_later", columns: ["a", "b"] } });
    expect((await db.table("pk_later")).primaryKey).toEqual({ name: null, columns: ["a", "b"] });
    await db.run({ kind: "dropConstraint", schema: null, table: "pk_later", name: "pk_pk_later", type: "primary" });
    expect((await db.table("pk_later")).primaryKey).toBeNull();
  });

  it("renameTable, table comments, dropTable", async () => {
    await db.run({ kind: "renameTable", schema: null, from: "pk_later", to: "renamed" });
    await db.run({ kind: "createTableComment", schema: null, table: "renamed", comment: "it's here", existing: null });
    expect((await db.table("renamed")).comment).toBe("it's here");
    await db.run({ kind: "dropTableComment", schema: null, table: "renamed", existing: "it's here" });
    const t = await db.table("renamed");
    expect(t.comment).toBeNull();
    await db.run({ kind: "dropTable", table: t });
    expect((await db.reflect()).tables.map((x) => x.name)).toEqual(["child", "parent"]);
  });

  it("enums: no separate type to create or drop; addEnumValue is refused with a hint", async () => {
    const e = { schema: null, name: "mood", values: ["a"] };
    expect(await db.dialect.compile({ kind: "createEnum", enum: e }, db.ctx)).toEqual([]);
    expect(await db.dialect.compile({ kind: "dropEnum", enum: e }, db.ctx)).toEqual([]);
    await expect(db.dialect.compile({ kind: "addEnumValue", enum: e, value: "b" }, db.ctx)).rejects.toThrow(/alterColumn/);
  });

  it("execute and bulkInsert write values exactly", async () => {
    await db.run({ kind: "execute", sql: "CREATE TABLE notes (id INT PRIMARY KEY, body TEXT, n DECIMAL(20,4), flag BOOLEAN, at DATETIME(3), q INT DEFAULT 9)" });
    const rows = [
      { id: 1, body: "it's a \\ backslash; 'quoted' \"dq\" ünï 🎉", n: "12345678901234.5678", flag: true, at: new Date(Date.UTC(2024, 1, 29, 13, 4, 5, 678)) },
      { id: 2, body: null, n: -1.5, flag: false, at: null, q: 3 },
      { id: 3 },
    ];
    await db.run({ kind: "bulkInsert", schema: null, table: "notes", rows });
    const back = await db.conn.query<Record<string, unknown>>("SELECT id, body, n, flag, at, q FROM notes ORDER BY id");
    expect(back).toEqual([
      { id: 1, body: rows[0]!.body, n: "12345678901234.5678", flag: 1, at: "2024-02-29 13:04:05.678", q: 9 },
      { id: 2, body: null, n: "-1.5000", flag: 0, at: null, q: 3 },
      { id: 3, body: null, n: null, flag: null, at: null, q: 9 },
    ]);
  });

  it("a failing statement is a DATABASE error carrying its SQL", async () => {
    const err = await db.conn.execute("ALTER TABLE nowhere ADD COLUMN x INT").catch((e: unknown) => e);
    expect(isAthanorError(err) && err.code).toBe("DATABASE");
    expect((err as Error).message).toContain("ALTER TABLE nowhere");
    expect((err as { sql?: string }).sql).toBe("ALTER TABLE nowhere ADD COLUMN x INT");
  });
});
