/**
 * Every op kind compiles, runs on a real server, and introspection shows its effect.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Connection, Dialect } from "../../../src/dialects/dialect.js";
import type { Op } from "../../../src/operations/types.js";
import type { ColumnSnapshot, TableSnapshot } from "../../../src/snapshot/types.js";
import { scratchDatabase, serverAvailable, type Scratch } from "../../support/databases.js";
import { apply, col, reflectTable, table } from "./harness.js";

const available = await serverAvailable("postgresql");

const items = table("items", {
  primaryKey: { name: "items_pkey", columns: ["id"] },
  columns: [
    col("id", { kind: "integer" }, { nullable: false, autoincrement: true }),
    col("name", { kind: "varchar", length: 50 }, { nullable: false }),
    col("price", { kind: "numeric", precision: 8, scale: 2 }, { nullable: false, default: "0" }),
    col("qty_text", { kind: "text" }, { default: "'0'" }),
    col("counter", { kind: "integer" }),
  ],
});

describe.skipIf(!available)("postgres operations", () => {
  let scratch: Scratch;
  let d: Dialect;
  let conn: Connection;
  const run = (op: Op): Promise<string[]> => apply(d, conn, op);
  const reflect = (name: string, schema: string | null = null): Promise<TableSnapshot> => reflectTable(d, conn, name, schema);
  const column = async (t: string, c: string): Promise<ColumnSnapshot | undefined> =>
    (await reflect(t)).columns.find((x) => x.name === c);
  const ref = { schema: null, table: "items" } as const;

  beforeAll(async () => {
    scratch = await scratchDatabase("postgresql");
    d = scratch.dialect;
    conn = await d.connect(scratch.url);
    await run({ kind: "createTable", table: items });
  });

  afterAll(async () => {
    await conn?.close();
    await scratch?.drop();
  });

  it("addColumn with default and comment", async () => {
    await run({ kind: "addColumn", ...ref, column: col("note", { kind: "text" }, { default: "'n/a'", comment: "free text" }) });
    const c = await column("items", "note");
    expect(c?.comment).toBe("free text");
    expect(d.normalizeDefault(c!.default, c!.type)).toBe(d.normalizeDefault("'n/a'", { kind: "text" }));
  });

  it("alterColumn type, nullable, default, comment", async () => {
    const existing = (await column("items", "price"))!;
    await run({
      kind: "alterColumn", ...ref, column: "price", existing,
      changes: { type: { kind: "numeric", precision: 10, scale: 2 }, nullable: true, default: "1.50", comment: "unit price" },
    });
    const c = (await column("items", "price"))!;
    expect(c.type).toEqual({ kind: "numeric", precision: 10, scale: 2 });
    expect(c.nullable).toBe(true);
    expect(d.normalizeDefault(c.default, c.type)).toBe("1.5");
    expect(c.comment).toBe("unit price");
  });

  it("alterColumn type keeps a default the new type cannot take with its old cast", async () => {
    const existing = (await column("items", "qty_text"))!;
    expect(existing.default).toBe("'0'::text");
    await run({ kind: "alterColumn", ...ref, column: "qty_text", existing, changes: { type: { kind: "integer" } } });
    const c = (await column("items", "qty_text"))!;
    expect(c.type).toEqual({ kind: "integer" });
    expect(d.normalizeDefault(c.default, c.type)).toBe("0");
  });

  it("alterColumn drops default and comment, sets NOT NULL, then renames", async () => {
    const existing = (await column("items", "price"))!;
    await run({
      kind: "alterColumn", ...ref, column: "price", existing,
      changes: { default: null, comment: null, nullable: false, newName: "unit_price" },
    });
    const t = await reflect("items");
    expect(t.columns.map((c) => c.name)).toContain("unit_price");
    expect(t.columns.map((c) => c.name)).not.toContain("price");
    expect(t.columns.find((c) => c.name === "unit_price")).toMatchObject({ default: null, comment: null, nullable: false });
  });

  it("alterColumn autoincrement on and off", async () => {
    const existing = (await column("items", "counter"))!;
    await run({ kind: "alterColumn", ...ref, column: "counter", existing, changes: { autoincrement: true } });
    const on = (await column("items", "counter"))!;
    expect(on).toMatchObject({ autoincrement: true, default: null, nullable: false });
    await run({ kind: "alterColumn", ...ref, column: "counter", existing: on, changes: { autoincrement: false } });
    expect(await column("items", "counter")).toMatchObject({ autoincrement: false, default: null });
  });

  it("createIndex (plain, unique partial expression, concurrently) and dropIndex", async () => {
    await run({ kind: "createIndex", ...ref, index: { name: "ix_items_name", columns: ["name"], unique: false, where: null } });
    const partial = { name: "ux_items_lower", columns: [{ expression: "lower(name)" }], unique: true, where: "note IS NOT NULL" };
    await run({ kind: "createIndex", ...ref, index: partial });
    const sql = await run({ kind: "createIndex", ...ref, concurrently: true, index: { name: "ix_items_conc", columns: ["note", "name"], unique: false, where: null } });
    expect(sql[0]).toContain("CREATE INDEX CONCURRENTLY");
    let t = await reflect("items");
    expect(t.indexes.map((i) => i.name)).toEqual(["ix_items_conc", "ix_items_name", "ux_items_lower"]);
    const got = t.indexes.find((i) => i.name === "ux_items_lower")!;
    expect(got.unique).toBe(true);
    expect(d.normalizeExpression(got.where!)).toBe(d.normalizeExpression(partial.where));
    expect(got.columns.map((c) => (typeof c === "string" ? c : d.normalizeExpression(c.expression)))).toEqual(["lower(name)"]);
    await run({ kind: "dropIndex", ...ref, index: t.indexes[0]! });
    t = await reflect("items");
    expect(t.indexes.map((i) => i.name)).toEqual(["ix_items_name", "ux_items_lower"]);
  });

  it("createUniqueConstraint, createCheckConstraint, createForeignKey and their drops", async () => {
    await run({ kind: "createTable", table: table("owners", { columns: [col("id", { kind: "integer" }, { nullable: false }), col("email", { kind: "text" })] }) });
    await run({ kind: "createPrimaryKey", schema: null, table: "owners", primaryKey: { name: "pk_owners", columns: ["id"] } });
    await run({ kind: "addColumn", ...ref, column: col("owner_id", { kind: "integer" }) });
    await run({ kind: "createUniqueConstraint", ...ref, unique: { name: "uq_items_name", columns: ["name", "owner_id"] } });
    await run({ kind: "createCheckConstraint", ...ref, check: { name: "ck_items_name", expression: "length(name) > 1" } });
    const fk = { name: "fk_items_owner", columns: ["owner_id"], referredSchema: null, referredTable: "owners", referredColumns: ["id"], onDelete: "CASCADE", onUpdate: null } as const;
    await run({ kind: "createForeignKey", ...ref, foreignKey: fk });
    let t = await reflect("items");
    expect((await reflect("owners")).primaryKey).toEqual({ name: "pk_owners", columns: ["id"] });
    expect(t.uniques).toEqual([{ name: "uq_items_name", columns: ["name", "owner_id"] }]);
    expect(t.checks.map((c) => [c.name, d.normalizeExpression(c.expression)])).toEqual([["ck_items_name", "length(name) > 1"]]);
    expect(t.foreignKeys).toEqual([fk]);

    await run({ kind: "dropConstraint", ...ref, name: "uq_items_name", type: "unique" });
    await run({ kind: "dropConstraint", ...ref, name: "ck_items_name", type: "check" });
    await run({ kind: "dropConstraint", ...ref, name: "fk_items_owner", type: "foreignkey", prior: fk });
    await run({ kind: "dropConstraint", schema: null, table: "owners", name: "pk_owners", type: "primary" });
    t = await reflect("items");
    expect([t.uniques, t.checks, t.foreignKeys]).toEqual([[], [], []]);
    expect((await reflect("owners")).primaryKey).toBeNull();
  });

  it("table comments: create, replace, drop", async () => {
    await run({ kind: "createTableComment", ...ref, comment: "things for sale", existing: null });
    expect((await reflect("items")).comment).toBe("things for sale");
    await run({ kind: "createTableComment", ...ref, comment: "it's on sale", existing: "things for sale" });
    expect((await reflect("items")).comment).toBe("it's on sale");
    await run({ kind: "dropTableComment", ...ref, existing: "it's on sale" });
    expect((await reflect("items")).comment).toBeNull();
  });

  it("enums: createEnum, addEnumValue (end, before, after), a column using it, dropEnum", async () => {
    const e = { schema: null, name: "Item Kind", values: ["b", "d"] };
    await run({ kind: "createEnum", enum: e });
    await run({ kind: "addEnumValue", enum: e, value: "e" });
    await run({ kind: "addEnumValue", enum: e, value: "a", before: "b" });
    await run({ kind: "addEnumValue", enum: e, value: "c", after: "b" });
    const snap = await d.introspect(conn);
    expect(snap.enums).toEqual([{ schema: null, name: "Item Kind", values: ["a", "b", "c", "d", "e"] }]);
    await run({ kind: "addColumn", ...ref, column: col("kind", { kind: "enum", name: "Item Kind", values: [] }, { default: "'a'" }) });
    const c = (await column("items", "kind"))!;
    expect(c.type).toEqual({ kind: "enum", name: "Item Kind", values: ["a", "b", "c", "d", "e"] });
    await run({ kind: "dropColumn", ...ref, column: c });
    await run({ kind: "dropEnum", enum: e });
    expect((await d.introspect(conn)).enums).toEqual([]);
  });

  it("execute and bulkInsert with every literal kind", async () => {
    await run({ kind: "execute", sql: "CREATE TABLE lit (id serial PRIMARY KEY, s text, n numeric, b boolean, t timestamptz, j jsonb, z text DEFAULT 'dflt')" });
    const when = new Date("2024-02-03T04:05:06.789Z");
    await run({
      kind: "bulkInsert", schema: null, table: "lit",
      rows: [
        { s: "it's \\ \"fine\"", n: 1.25, b: true, t: when, j: { a: [1, "x"] } },
        { s: null, n: -3, b: false, t: null, j: null, z: "given" },
      ],
    });
    const rows = await conn.query<Record<string, unknown>>("SELECT s, n, b, t, j, z FROM lit ORDER BY id");
    expect(rows).toEqual([
      { s: "it's \\ \"fine\"", n: "1.25", b: true, t: when, j: { a: [1, "x"] }, z: "dflt" },
      { s: null, n: "-3", b: false, t: null, j: null, z: "given" },
    ]);
    expect((await reflect("lit")).columns[0]).toMatchObject({ name: "id", autoincrement: true, default: null });
  });

  it("renameTable, dropColumn, dropTable", async () => {
    await run({ kind: "renameTable", schema: null, from: "lit", to: "Literal Values" });
    const t = await reflect("Literal Values");
    await run({ kind: "dropColumn", schema: null, table: "Literal Values", column: t.columns.find((c) => c.name === "z")! });
    expect((await reflect("Literal Values")).columns.map((c) => c.name)).toEqual(["id", "s", "n", "b", "t", "j"]);
    await run({ kind: "dropTable", table: await reflect("Literal Values") });
    expect((await d.introspect(conn)).tables.map((x) => x.name)).toEqual(["items", "owners"]);
  });

  it("ops on a table in another schema", async () => {
    await run({ kind: "execute", sql: "CREATE SCHEMA sales" });
    const e = { schema: "sales", name: "region", values: ["n", "s"] };
    await run({ kind: "createEnum", enum: e });
    await run({ kind: "addEnumValue", enum: e, value: "w" });
    await run({
      kind: "createTable",
      table: table("orders", {
        schema: "sales", comment: "orders",
        primaryKey: { name: "orders_pkey", columns: ["id"] },
        columns: [col("id", { kind: "bigint" }, { nullable: false, autoincrement: true }), col("region", { kind: "enum", name: "sales.region", values: [] }), col("item_id", { kind: "integer" })],
        foreignKeys: [{ name: "fk_orders_item", columns: ["item_id"], referredSchema: null, referredTable: "items", referredColumns: ["id"], onDelete: null, onUpdate: null }],
        indexes: [{ name: "ix_orders_region", columns: ["region"], unique: false, where: null }],
      }),
    });
    const sref = { schema: "sales", table: "orders" };
    await run({ kind: "addColumn", ...sref, column: col("total", { kind: "numeric", precision: 12, scale: 2 }, { comment: "sum" }) });
    await run({ kind: "createIndex", ...sref, index: { name: "ix_orders_total", columns: ["total"], unique: false, where: null } });
    await run({ kind: "dropIndex", ...sref, index: { name: "ix_orders_region", columns: ["region"], unique: false, where: null } });
    await run({ kind: "renameTable", schema: "sales", from: "orders", to: "purchases" });
    await run({ kind: "createTableComment", schema: "sales", table: "purchases", comment: "renamed", existing: "orders" });
    const snap = await d.introspect(conn, { schemas: ["sales"] });
    expect(snap.enums).toEqual([{ schema: "sales", name: "region", values: ["n", "s", "w"] }]);
    expect(snap.tables.map((t) => [t.schema, t.name, t.comment])).toEqual([["sales", "purchases", "renamed"]]);
    const p = snap.tables[0]!;
    expect(p.indexes.map((i) => i.name)).toEqual(["ix_orders_total"]);
    expect(p.columns.find((c) => c.name === "region")?.type).toEqual({ kind: "enum", name: "sales.region", values: ["n", "s", "w"] });
    expect(p.columns.find((c) => c.name === "total")?.comment).toBe("sum");
    expect(p.foreignKeys[0]).toMatchObject({ referredSchema: null, referredTable: "items" });
    // The default schema alone does not see it.
    expect((await d.introspect(conn)).tables.map((t) => t.name)).toEqual(["items", "owners"]);
    await run({ kind: "dropTable", table: p });
    await run({ kind: "dropEnum", enum: e });
    expect(await d.introspect(conn, { schemas: ["sales"] })).toEqual({ tables: [], enums: [] });
  });
});
