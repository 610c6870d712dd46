/**
 * AUTOGEN-CASES 7, 8, 9, 10, 12, 13, primary keys, foreign key options and naming conventions.
 */
import { expect, it } from "vitest";
import { reverseOps } from "../../../src/operations/reverse.js";
import {
  MetaData, check, date, foreignKey, index, integer, numeric, primaryKey, sql, table, timestamp, unique, varchar,
} from "../../../src/schema/index.js";
import { forDialects, ops, summarize, type Harness } from "./harness.js";

const ALL = ["postgresql", "mysql", "sqlite"] as const;

async function given(h: Harness, build: (md: MetaData) => void): Promise<void> {
  await h.reset();
  await h.run((await h.diff(model(build))).ops);
}

function model(build: (md: MetaData) => void): MetaData {
  const md = new MetaData();
  build(md);
  return md;
}

forDialects(ALL, (h) => {
  it("primary key added, changed to composite, and removed", async () => {
    await given(h, (md) => table(md, "pk", { a: varchar(10).notNull(), b: varchar(10).notNull() }));
    const single = model((md) => table(md, "pk", { a: varchar(10).primaryKey(), b: varchar(10).notNull() }));
    await h.roundTrip(single, (d) => expect(ops(d)).toEqual(["createPrimaryKey pk.pk_pk"]));
    await h.run((await h.diff(single)).ops);
    const composite = model((md) => table(md, "pk", { a: varchar(10).notNull(), b: varchar(10).notNull() }, { primaryKey: ["a", "b"] }));
    await h.roundTrip(composite, (d) => expect(ops(d).map((o) => o.replace(/pk\.\w+$/, "pk.*"))).toEqual(["dropPrimary pk.*", "createPrimaryKey pk.*"]));
    const none = model((md) => table(md, "pk", { a: varchar(10).notNull(), b: varchar(10).notNull() }));
    await h.roundTrip(none, (d) => expect(ops(d).map((o) => o.replace(/pk\.\w+$/, "pk.*"))).toEqual(["dropPrimary pk.*"]));
  });

  it("7. an index replaced by a unique constraint on the same column: drop the index, add the unique", async () => {
    await given(h, (md) => table(md, "t", { id: integer().primaryKey(), code: varchar(20) }, { indexes: [index("ix_t_code", ["code"])] }));
    const target = model((md) => table(md, "t", { id: integer().primaryKey(), code: varchar(20) }, { uniques: [unique("uq_t_code", ["code"])] }));
    await h.roundTrip(target, (d) => expect(ops(d)).toEqual(["dropIndex t.ix_t_code", "createUnique t.uq_t_code"]));
  });

  it("8. an unnamed unique in the model matches the database's unique on the same columns: no ops", async () => {
    await h.reset();
    await h.exec("CREATE TABLE t (id integer PRIMARY KEY, code varchar(20), a integer, b integer, UNIQUE (code), UNIQUE (a, b))");
    await h.roundTrip(model((md) => table(md, "t", {
      id: integer().primaryKey().autoincrement(false), code: varchar(20).unique(), a: integer(), b: integer(),
    }, { uniques: [unique(["a", "b"])] })), (d) => expect(ops(d)).toEqual([]));
  });

  it("9. a constraint whose name differs only in case: the drop comes before the create", async () => {
    await given(h, (md) => table(md, "t", { id: integer().primaryKey(), code: varchar(20) }, { uniques: [unique("UQ_T_Code", ["code"])] }));
    await h.roundTrip(model((md) => table(md, "t", { id: integer().primaryKey(), code: varchar(20) }, { uniques: [unique("uq_t_code", ["code"])] })),
      (d) => expect(ops(d)).toEqual(["dropUnique t.UQ_T_Code", "createUnique t.uq_t_code"]));
  });

  it("10. a foreign key gains ON DELETE CASCADE, another ON UPDATE SET NULL: each is dropped and created", async () => {
    const build = (onDelete?: "CASCADE", onUpdate?: "SET NULL") => (md: MetaData) => {
      table(md, "parent", { id: integer().primaryKey() });
      table(md, "child", {
        id: integer().primaryKey(),
        a: integer().references("parent.id", { name: "fk_child_a", ...(onDelete ? { onDelete } : {}) }),
        b: integer().references("parent.id", { name: "fk_child_b", ...(onUpdate ? { onUpdate } : {}) }),
      });
    };
    await given(h, build());
    const d = await h.roundTrip(model(build("CASCADE", "SET NULL")), (d) => expect(ops(d)).toEqual([
      "dropForeignkey child.fk_child_a", "dropForeignkey child.fk_child_b",
      "createForeignKey child.fk_child_a", "createForeignKey child.fk_child_b",
    ]));
    expect(d.ops[2]).toMatchObject({ foreignKey: { onDelete: "CASCADE", onUpdate: null } });
    expect(reverseOps(d.ops).map(summarize)).toEqual([
      "dropForeignkey child.fk_child_b", "dropForeignkey child.fk_child_a",
      "createForeignKey child.fk_child_b", "createForeignKey child.fk_child_a",
    ]);
  });

  it("10. a foreign key named by the server, with the database's default actions: no ops", async () => {
    await h.reset();
    await h.exec(
      "CREATE TABLE parent (id integer PRIMARY KEY)",
      "CREATE TABLE child (id integer PRIMARY KEY, parent_id integer, FOREIGN KEY (parent_id) REFERENCES parent (id))",
    );
    await h.roundTrip(model((md) => {
      table(md, "parent", { id: integer().primaryKey().autoincrement(false) });
      table(md, "child", { id: integer().primaryKey().autoincrement(false), parentId: integer("parent_id").references("parent.id") });
    }), (d) => expect(ops(d)).toEqual([]));
  });

  it("12. named CHECK added, removed, and unchanged though the server rewrote it", async () => {
    await h.reset();
    await h.exec(`CREATE TABLE stock (
      id integer PRIMARY KEY, qty integer, price numeric(10,2), status varchar(10),
      CONSTRAINT ck_stock_qty CHECK (qty >= 0),
      CONSTRAINT ck_stock_price CHECK ((price > 0) AND (price < 1000)),
      CONSTRAINT ck_stock_old CHECK (qty < 100000)
    )`);
    const target = model((md) => table(md, "stock", {
      id: integer().primaryKey().autoincrement(false), qty: integer(), price: numeric(10, 2), status: varchar(10),
    }, {
      checks: [
        check("ck_stock_qty", sql`qty >= 0`),
        check("ck_stock_price", sql`price > 0 AND price < 1000`),
        check("ck_stock_status", sql`status IN ('new', 'done')`),
      ],
    }));
    await h.roundTrip(target, (d) => expect(ops(d)).toEqual(["dropCheck stock.ck_stock_old", "createCheck stock.ck_stock_status"]));
    await h.run((await h.diff(target)).ops);
    expect(ops(await h.diff(target))).toEqual([]);
  });

  it("naming conventions give unnamed constraints stable names: created by them, then no ops", async () => {
    await h.reset();
    const md = new MetaData({
      namingConvention: {
        ix: "ix_%(table)s_%(column_0_name)s", uq: "uq_%(table)s_%(column_0_name)s", ck: "ck_%(table)s_%(constraint_name)s",
        fk: "fk_%(table)s_%(column_0_name)s_%(referred_table)s", pk: "pk_%(table)s",
      },
    });
    table(md, "owner", { id: integer().primaryKey() });
    table(md, "pet", {
      id: integer().primaryKey(),
      ownerId: integer("owner_id").notNull().references("owner.id"),
      tag: varchar(20).unique(),
      name: varchar(20).index(),
      age: integer(),
    }, { checks: [check("age_positive", sql`age >= 0`)] });
    const d = await h.roundTrip(md, (d) => expect(ops(d)).toEqual(["createTable owner", "createTable pet"]));
    const pet = (d.ops[1] as { table: { foreignKeys: { name: string }[]; uniques: { name: string }[]; indexes: { name: string }[]; checks: { name: string }[] } }).table;
    expect(pet.foreignKeys.map((f) => f.name)).toEqual(["fk_pet_owner_id_owner"]);
    expect(pet.uniques.map((u) => u.name)).toEqual(["uq_pet_tag"]);
    expect(pet.indexes.map((i) => i.name)).toEqual(["ix_pet_name"]);
    expect(pet.checks.map((c) => c.name)).toEqual(["ck_pet_age_positive"]);
  });

  it("composite foreign keys and composite uniques compare by their columns", async () => {
    const build = (md: MetaData) => {
      table(md, "region", { country: varchar(2).notNull(), code: varchar(5).notNull() }, { primaryKey: primaryKey(["country", "code"]) });
      table(md, "office", {
        id: integer().primaryKey(), country: varchar(2), code: varchar(5), name: varchar(20),
      }, {
        foreignKeys: [foreignKey("fk_office_region", ["country", "code"], "region", ["country", "code"], { onDelete: "CASCADE" })],
        uniques: [unique("uq_office_country_name", ["country", "name"])],
      });
    };
    await given(h, build);
    await h.roundTrip(model(build), (d) => expect(ops(d)).toEqual([]));
  });
});

forDialects(["postgresql", "sqlite"], (h) => {
  it("13. expression index lower(name) and partial index WHERE deleted_at IS NULL, identical on both sides: no ops", async () => {
    await h.reset();
    await h.exec(
      "CREATE TABLE people (id integer PRIMARY KEY, name varchar(50), email varchar(100), deleted_at timestamp)",
      "CREATE INDEX ix_people_lower_name ON people (lower(name))",
      "CREATE UNIQUE INDEX ix_people_live_email ON people (email) WHERE deleted_at IS NULL",
    );
    const build = (where: string) => model((md) => table(md, "people", {
      id: integer().primaryKey().autoincrement(false), name: varchar(50), email: varchar(100), deletedAt: timestamp("deleted_at"),
    }, {
      indexes: [
        index("ix_people_lower_name", [sql`lower(name)`]),
        index("ix_people_live_email", ["email"], { unique: true, where: sql.raw(where) }),
      ],
    }));
    await h.roundTrip(build("deleted_at IS NULL"), (d) => expect(ops(d)).toEqual([]));
    await h.roundTrip(build("deleted_at IS NOT NULL"), (d) => expect(ops(d)).toEqual([
      "dropIndex people.ix_people_live_email", "createIndex people.ix_people_live_email",
    ]));
  });
});

forDialects(["postgresql"], (h) => {
  it("12. PG rewrites CHECKs with casts and ANY(ARRAY[...]): still no ops", async () => {
    await h.reset();
    await h.exec(`CREATE TABLE orders (
      id integer PRIMARY KEY, status varchar(10), total numeric(10,2), placed date,
      CONSTRAINT ck_orders_status CHECK (status IN ('new', 'paid', 'sent')),
      CONSTRAINT ck_orders_total CHECK (total >= 0.00),
      CONSTRAINT ck_orders_placed CHECK (placed > '2000-01-01')
    )`);
    await h.roundTrip(model((md) => table(md, "orders", {
      id: integer().primaryKey().autoincrement(false), status: varchar(10), total: numeric(10, 2), placed: date(),
    }, {
      checks: [
        check("ck_orders_status", sql`status IN ('new', 'paid', 'sent')`),
        check("ck_orders_total", sql`total >= 0.00`),
        check("ck_orders_placed", sql`placed > '2000-01-01'`),
      ],
    })), (d) => expect(ops(d)).toEqual([]));
  });
});
