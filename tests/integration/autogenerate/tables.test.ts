/**
 * AUTOGEN-CASES 1, 2, 3, 4, 14, 15, 17: tables appearing and disappearing, filters, order.
 */
import { expect, it } from "vitest";
import type { IntrospectOptions } from "../../../src/dialects/dialect.js";
import { diffMetadata, diffOptionsOf } from "../../../src/commands/model-diff.js";
import { resolveConfig } from "../../../src/config/load.js";
import { reverseOps } from "../../../src/operations/reverse.js";
import { ModuleLoader } from "../../../src/runtime/load-module.js";
import { VersionTable } from "../../../src/runtime/version-table.js";
import {
  MetaData, index, integer, numeric, sql, table, text, unique, varchar,
} from "../../../src/schema/index.js";
import { forDialects, ops, summarize } from "./harness.js";

function parentChild(md: MetaData): void {
  table(md, "child", {
    id: integer().primaryKey(),
    parentId: integer("parent_id").notNull().references("parent.id", { name: "fk_child_parent" }),
    note: varchar(200),
  });
  table(md, "parent", { id: integer().primaryKey(), name: varchar(50).notNull() });
}

forDialects(["postgresql", "mysql", "sqlite"], (h) => {
  it("1. empty database: parent is created before child; the downgrade drops child, then parent", async () => {
    await h.reset();
    const md = new MetaData();
    parentChild(md);
    const d = await h.roundTrip(md, (d) => expect(ops(d)).toEqual(["createTable parent", "createTable child"]));
    expect(reverseOps(d.ops).map(summarize)).toEqual(["dropTable child", "dropTable parent"]);
  });

  it("2. a table only in the database is dropped and the downgrade recreates it as reflected; the version table never appears", async () => {
    await h.reset();
    const md = new MetaData();
    parentChild(md);
    await h.run((await h.diff(md)).ops);
    const legacy = new MetaData();
    parentChild(legacy);
    table(legacy, "legacy", {
      id: integer().primaryKey(),
      code: varchar(20).notNull().unique(),
      qty: integer().notNull().serverDefault(0),
      label: varchar(40).serverDefault("none"),
      price: numeric(10, 2),
      parentId: integer("parent_id").references("parent.id", { name: "fk_legacy_parent", onDelete: "CASCADE" }),
    }, { indexes: [index("ix_legacy_label_qty", ["label", "qty"])] });
    await h.run((await h.diff(legacy)).ops.filter((o) => o.kind === "createTable"));
    await h.run([new VersionTable(h.dialect, "athanor_version", null).createOp()]);
    // The history table (the audit trail beside the version table) is the tool's own as well.
    await h.exec("CREATE TABLE athanor_history (id integer PRIMARY KEY, revision varchar(32))");
    const before = (await h.reflect()).tables.find((t) => t.name === "legacy");
    const d = await h.roundTrip(md, (d) => expect(ops(d)).toEqual(["dropTable legacy"]));
    expect(d.ops[0]).toEqual({ kind: "dropTable", table: before });
    expect(d.database.tables.map((t) => t.name)).not.toContain("athanor_version");
    expect(d.database.tables.map((t) => t.name)).not.toContain("athanor_history");
  });

  it("2b. tables only in the database go in reverse dependency order", async () => {
    await h.reset();
    const md = new MetaData();
    parentChild(md);
    await h.run((await h.diff(md)).ops);
    await h.roundTrip(new MetaData(), (d) => expect(ops(d)).toEqual(["dropTable child", "dropTable parent"]));
  });

  it("3. tables excluded by includeObject or includeName: no ops, and never reflected", async () => {
    await h.reset();
    await h.exec(
      "CREATE TABLE legacy_log (id integer PRIMARY KEY, msg varchar(10))",
      "CREATE TABLE tmp_import (id integer PRIMARY KEY)",
    );
    const md = new MetaData();
    table(md, "kept", { id: integer().primaryKey() });
    table(md, "tmp_model_only", { id: integer().primaryKey() });
    const config = {
      includeObject: (o: { type: string; name: string }) => !(o.type === "table" && o.name === "legacy_log"),
      includeName: (n: { type: string; name: string }) => !(n.type === "table" && n.name.startsWith("tmp_")),
    };
    const seen: string[] = [];
    const excludedAsked: string[] = [];
    const spying = {
      ...h.dialect,
      async introspect(conn: typeof h.conn, o: IntrospectOptions = {}) {
        for (const n of ["legacy_log", "tmp_import", "kept"]) if (o.excludeTable?.(null, n)) excludedAsked.push(n);
        const snap = await h.dialect.introspect(conn, o);
        seen.push(...snap.tables.map((t) => t.name));
        return snap;
      },
    };
    const options = diffOptionsOf(resolveConfig(config, "/nonexistent/athanor.config.ts", new ModuleLoader()));
    const d = await diffMetadata(md, { dialect: spying, conn: h.conn }, options);
    expect(ops(d)).toEqual(["createTable kept"]);
    expect(excludedAsked).toEqual(["legacy_log", "tmp_import"]);
    expect(seen).toEqual([]);
    await h.roundTrip(md, (x) => expect(ops(x)).toEqual(["createTable kept"]), { config });
  });

  it("3b. includeName and includeObject also filter columns, indexes, uniques and checks, on both sides", async () => {
    await h.reset();
    await h.exec(
      "CREATE TABLE t (id integer PRIMARY KEY, legacy_code varchar(10), note varchar(10), CONSTRAINT uq_legacy UNIQUE (note))",
      "CREATE INDEX ix_legacy_note ON t (note)",
    );
    const md = new MetaData();
    table(md, "t", { id: integer().primaryKey().autoincrement(false), note: varchar(10), legacyNew: integer("legacy_new") });
    const config = {
      includeName: (n: { type: string; name: string }) => !n.name.startsWith("legacy_") && !n.name.startsWith("ix_legacy"),
      includeObject: (o: { type: string; name: string; source: string }) => !(o.type === "unique" && o.source === "database" && o.name === "uq_legacy"),
    };
    await h.roundTrip(md, (d) => expect(ops(d)).toEqual([]), { config });
    expect(ops(await h.diff(md))).toEqual(expect.arrayContaining(["dropColumn t.legacy_code", "addColumn t.legacy_new"]));
  });

  it("4. one run: add and drop tables, add columns then a unique, widen and relax a numeric, add an FK, NOT NULL, default, drop an index and a column", async () => {
    await h.reset();
    const before = new MetaData();
    table(before, "users", { id: integer().primaryKey(), name: varchar(50) });
    table(before, "orders", {
      id: integer().primaryKey(),
      amount: numeric(8, 2).notNull(),
      status: varchar(20).serverDefault("new"),
      note: varchar(100).notNull(),
      legacy: text(),
    }, { indexes: [index("ix_orders_status", ["status"])] });
    table(before, "old_stuff", { id: integer().primaryKey() });
    await h.run((await h.diff(before)).ops);

    const after = new MetaData();
    table(after, "users", {
      id: integer().primaryKey(),
      name: varchar(50).notNull(),
      email: varchar(100),
      handle: varchar(30),
    }, { uniques: [unique("uq_users_email_handle", ["email", "handle"])] });
    table(after, "orders", {
      id: integer().primaryKey(),
      amount: numeric(10, 2),
      status: varchar(20).serverDefault("pending"),
      note: varchar(100).notNull(),
      userId: integer("user_id").references("users.id", { name: "fk_orders_user" }),
    });
    table(after, "items", { id: integer().primaryKey(), sku: varchar(20).notNull() });
    await h.roundTrip(after, (d) => expect(ops(d)).toEqual([
      "createTable items",
      "dropIndex orders.ix_orders_status",
      "alterColumn orders.amount nullable,type",
      "alterColumn orders.status default",
      "addColumn orders.user_id",
      "dropColumn orders.legacy",
      "alterColumn users.name nullable",
      "addColumn users.email",
      "addColumn users.handle",
      "createUnique users.uq_users_email_handle",
      "createForeignKey orders.fk_orders_user",
      "dropTable old_stuff",
    ]));
  });

  it("14. a foreign key to a table filtered out by includeObject: no crash, no ops for it", async () => {
    await h.reset();
    await h.exec(
      "CREATE TABLE outside (id integer PRIMARY KEY)",
      "CREATE TABLE inside (id integer PRIMARY KEY, outside_id integer, CONSTRAINT fk_inside_outside FOREIGN KEY (outside_id) REFERENCES outside (id))",
    );
    const config = { includeObject: (o: { type: string; name: string }) => !(o.type === "table" && o.name === "outside") };
    const declared = new MetaData();
    table(declared, "inside", { id: integer().primaryKey(), outsideId: integer("outside_id").references("outside.id", { name: "fk_inside_outside" }) });
    table(declared, "outside", { id: integer().primaryKey() });
    await h.roundTrip(declared, (d) => expect(ops(d)).toEqual([]), { config });
    const undeclared = new MetaData();
    table(undeclared, "inside", { id: integer().primaryKey(), outsideId: integer("outside_id") });
    await h.roundTrip(undeclared, (d) => expect(ops(d)).toEqual([]), { config });
  });

  it("17. a foreign-key cycle from an empty database: both tables, then the cycle's key; the downgrade drops it first", async () => {
    await h.reset();
    const md = new MetaData();
    table(md, "a", { id: integer().primaryKey(), bId: integer("b_id").references("b.id", { name: "fk_a_b" }) });
    table(md, "b", { id: integer().primaryKey(), aId: integer("a_id").references("a.id", { name: "fk_b_a" }) });
    const d = await h.roundTrip(md, (d) => expect(ops(d)).toEqual(["createTable a", "createTable b", "createForeignKey a.fk_a_b"]));
    expect(reverseOps(d.ops).map(summarize)).toEqual(["dropForeignkey a.fk_a_b", "dropTable b", "dropTable a"]);
  });

  it("17b. a cycle of tables only in the database: its key is dropped first, and the downgrade restores it", async () => {
    await h.reset();
    const md = new MetaData();
    table(md, "a", { id: integer().primaryKey(), bId: integer("b_id").references("b.id", { name: "fk_a_b" }) });
    table(md, "b", { id: integer().primaryKey(), aId: integer("a_id").references("a.id", { name: "fk_b_a" }) });
    await h.run((await h.diff(md)).ops);
    await h.roundTrip(new MetaData(), (d) => expect(ops(d)).toEqual(["dropForeignkey a.fk_a_b", "dropTable b", "dropTable a"]));
  });

  it("a server default given as sql`` and a table comment survive creation", async () => {
    await h.reset();
    const md = new MetaData();
    table(md, "notes", { id: integer().primaryKey(), body: varchar(10).notNull().serverDefault(sql`'x'`) }, { comment: "notes" });
    await h.roundTrip(md, (d) => expect(ops(d)).toEqual(["createTable notes"]));
  });
});

forDialects(["mysql"], (h) => {
  it("15. a table declared with the current database spelled out as its schema: no ops", async () => {
    await h.reset();
    const md = new MetaData();
    table(md, "spelled", { id: integer().primaryKey() });
    await h.run((await h.diff(md)).ops);
    const [{ db }] = await h.conn.query<{ db: string }>("SELECT DATABASE() AS db");
    const again = new MetaData({ schema: db });
    table(again, "spelled", { id: integer().primaryKey() });
    await h.roundTrip(again, (d) => expect(ops(d)).toEqual([]));
  });
});

forDialects(["sqlite"], (h) => {
  it("15. a table declared with SQLite's default schema spelled out (main): no ops", async () => {
    await h.reset();
    const md = new MetaData();
    table(md, "spelled", { id: integer().primaryKey() });
    await h.run((await h.diff(md)).ops);
    const again = new MetaData({ schema: "main" });
    table(again, "spelled", { id: integer().primaryKey() });
    await h.roundTrip(again, (d) => expect(ops(d)).toEqual([]));
  });
});

forDialects(["postgresql"], (h) => {
  it("15. a table declared with the default schema spelled out (public): no ops", async () => {
    await h.reset();
    const md = new MetaData();
    table(md, "spelled", { id: integer().primaryKey() }, { schema: "public" });
    await h.run((await h.diff(md)).ops);
    const again = new MetaData({ schema: "public" });
    table(again, "spelled", { id: integer().primaryKey() });
    await h.roundTrip(again, (d) => expect(ops(d)).toEqual([]));
    await h.roundTrip(again, (d) => expect(ops(d)).toEqual([]), { config: { includeSchemas: true } });
  });
});
