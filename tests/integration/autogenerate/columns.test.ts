/**
 * AUTOGEN-CASES 5, 6, 16 and the column options: one alterColumn per column carrying the
 * existing values; type spellings per dialect; compareType / compareServerDefault as true,
 * false or a function; nullability, server defaults and comments.
 */
import { expect, it } from "vitest";
import type { CompareHook } from "../../../src/autogenerate/context.js";
import { reverseOps } from "../../../src/operations/reverse.js";
import type { Op } from "../../../src/operations/types.js";
import {
  MetaData, bigint, boolean, char, double, integer, numeric, real, smallint, table, text, timestamp, varchar,
} from "../../../src/schema/index.js";
import { forDialects, ops, type Harness } from "./harness.js";

const ALL = ["postgresql", "mysql", "sqlite"] as const;

/** Puts the database in the state `md` describes, through autogenerate itself. */
async function given(h: Harness, build: (md: MetaData) => void): Promise<void> {
  await h.reset();
  const md = new MetaData();
  build(md);
  await h.run((await h.diff(md)).ops);
}

function model(build: (md: MetaData) => void): MetaData {
  const md = new MetaData();
  build(md);
  return md;
}

const alter = (d: { readonly ops: readonly Op[] }, i = 0) => d.ops[i] as Extract<Op, { kind: "alterColumn" }>;

forDialects(ALL, (h) => {
  it("5. one alterColumn per column, carrying the existing type, nullability and default; the downgrade swaps them", async () => {
    await given(h, (md) => table(md, "prices", { id: integer().primaryKey(), price: numeric(8, 2).notNull().serverDefault(0) }));
    const target = model((md) => table(md, "prices", { id: integer().primaryKey(), price: numeric(10, 2).serverDefault(1) }));
    const d = await h.roundTrip(target, (d) => expect(ops(d)).toEqual(["alterColumn prices.price default,nullable,type"]));
    const up = alter(d);
    expect(up.changes).toEqual({ type: { kind: "numeric", precision: 10, scale: 2 }, nullable: true, default: "1" });
    expect(up.existing).toMatchObject({ name: "price", nullable: false });
    expect(h.dialect.typesEqual(up.existing.type, { kind: "numeric", precision: 8, scale: 2 })).toBe(true);
    expect(h.dialect.normalizeDefault(up.existing.default, up.existing.type)).toBe(h.dialect.normalizeDefault("0", up.existing.type));
    const down = reverseOps(d.ops)[0] as Extract<Op, { kind: "alterColumn" }>;
    expect(down.changes).toEqual({ type: up.existing.type, nullable: false, default: up.existing.default });
    expect(down.existing).toMatchObject({ type: up.changes.type, nullable: true, default: "1" });
  });

  it("6. varchar(20) → varchar(50) is a type change", async () => {
    await given(h, (md) => table(md, "people", { id: integer().primaryKey(), name: varchar(20) }));
    const d = await h.roundTrip(model((md) => table(md, "people", { id: integer().primaryKey(), name: varchar(50) })),
      (d) => expect(ops(d)).toEqual(["alterColumn people.name type"]));
    expect(alter(d).changes.type).toEqual({ kind: "varchar", length: 50 });
  });

  it("nullability alone, and a server default added, changed and removed", async () => {
    await given(h, (md) => table(md, "t", {
      id: integer().primaryKey(), a: varchar(10), b: integer().serverDefault(1), c: varchar(10).serverDefault("x"), d: integer(),
    }));
    const target = model((md) => table(md, "t", {
      id: integer().primaryKey(), a: varchar(10).notNull(), b: integer().serverDefault(2), c: varchar(10), d: integer().serverDefault(7),
    }));
    const d = await h.roundTrip(target, (d) => expect(ops(d)).toEqual([
      "alterColumn t.a nullable", "alterColumn t.b default", "alterColumn t.c default", "alterColumn t.d default",
    ]));
    expect(alter(d, 2).changes).toEqual({ default: null });
  });

  it("compareType: false ignores type changes; a function decides column by column (undefined: the default rule)", async () => {
    await given(h, (md) => table(md, "t", { id: integer().primaryKey(), a: varchar(20), b: varchar(20), c: varchar(20) }));
    const target = model((md) => table(md, "t", { id: integer().primaryKey(), a: varchar(50), b: varchar(50), c: varchar(50) }));
    expect(ops(await h.diff(target, { config: { compareType: false } }))).toEqual([]);
    const seen: string[] = [];
    const hook: CompareHook = ({ modelColumn, databaseColumn, table: t }) => {
      seen.push(`${t.name}.${modelColumn.name}:${databaseColumn.name}`);
      return modelColumn.name === "a" ? false : undefined;
    };
    await h.roundTrip(target, (d) => expect(ops(d)).toEqual(["alterColumn t.b type", "alterColumn t.c type"]), { config: { compareType: hook } });
    expect(seen).toEqual(expect.arrayContaining(["t.a:a", "t.b:b", "t.c:c"]));
  });

  it("a compareType function may report a change the dialect would not see", async () => {
    await given(h, (md) => table(md, "t", { id: integer().primaryKey(), a: varchar(20) }));
    const target = model((md) => table(md, "t", { id: integer().primaryKey(), a: varchar(20) }));
    const d = await h.diff(target, { config: { compareType: ({ modelColumn }) => modelColumn.name === "a" } });
    expect(ops(d)).toEqual(["alterColumn t.a type"]);
  });

  it("compareServerDefault: false ignores defaults; a function decides column by column", async () => {
    await given(h, (md) => table(md, "t", { id: integer().primaryKey(), a: integer().serverDefault(1), b: integer().serverDefault(1) }));
    const target = model((md) => table(md, "t", { id: integer().primaryKey(), a: integer().serverDefault(2), b: integer().serverDefault(2) }));
    expect(ops(await h.diff(target, { config: { compareServerDefault: false } }))).toEqual([]);
    await h.roundTrip(target, (d) => expect(ops(d)).toEqual(["alterColumn t.b default"]), {
      config: { compareServerDefault: ({ modelColumn }) => (modelColumn.name === "a" ? false : undefined) },
    });
  });

  it("types that are the same column under different names: no ops", async () => {
    await given(h, (md) => table(md, "same", {
      id: integer().primaryKey(), i: integer(), bi: bigint(), si: smallint(), n: numeric(10, 2), d: double(), r: real(),
      b: boolean(), c: char(3), ts: timestamp(), tx: text(),
    }));
    await h.roundTrip(model((md) => table(md, "same", {
      id: integer().primaryKey(), i: integer(), bi: bigint(), si: smallint(), n: numeric(10, 2), d: double(), r: real(),
      b: boolean(), c: char(3), ts: timestamp(), tx: text(),
    })), (d) => expect(ops(d)).toEqual([]));
  });
});

forDialects(["postgresql"], (h) => {
  it("6. PG spellings: character varying(n), decimal, float8/float/double precision, int4, bool, timestamptz: no ops", async () => {
    await h.reset();
    await h.exec(`CREATE TABLE spelled (
      id int4 PRIMARY KEY, a character varying(20), b decimal(10,2), c float8, d float, e double precision,
      f int8, g int2, h bool, i timestamptz, j timestamp without time zone, k character(3), l float4, m numeric
    )`);
    await h.roundTrip(model((md) => table(md, "spelled", {
      id: integer().primaryKey().autoincrement(false), a: varchar(20), b: numeric(10, 2), c: double(), d: double(), e: double(),
      f: bigint(), g: smallint(), h: boolean(), i: timestamp({ withTimezone: true }), j: timestamp(), k: char(3), l: real(), m: numeric(),
    })), (d) => expect(ops(d)).toEqual([]));
  });
});

forDialects(["mysql"], (h) => {
  it("6. MySQL spellings: int(11), tinyint(1) for boolean, numeric for decimal, integer, bigint(20), double precision: no ops", async () => {
    await h.reset();
    await h.exec(`CREATE TABLE spelled (
      id int(11) NOT NULL AUTO_INCREMENT PRIMARY KEY, a tinyint(1), b numeric(10,2), c integer, d bigint(20), e double precision,
      f smallint(6), g bool, h varchar(20), i decimal(10,0), j character(3), k datetime, l timestamp NULL
    )`);
    await h.roundTrip(model((md) => table(md, "spelled", {
      id: integer().primaryKey(), a: boolean(), b: numeric(10, 2), c: integer(), d: bigint(), e: double(), f: smallint(), g: boolean(),
      h: varchar(20), i: numeric(10), j: char(3), k: timestamp(), l: timestamp({ withTimezone: true }),
    })), (d) => expect(ops(d)).toEqual([]));
  });
});

forDialects(["sqlite"], (h) => {
  it("6. SQLite declared names and affinities: INT, VARCHAR(20), DECIMAL(10,2), DATETIME, BOOL, DOUBLE PRECISION, FLOAT: no ops", async () => {
    await h.reset();
    await h.exec(`CREATE TABLE spelled (
      id INTEGER PRIMARY KEY, a INT, b VARCHAR(20), c DECIMAL(10,2), d DATETIME, e BOOL, f DOUBLE PRECISION, g FLOAT,
      h TIMESTAMP, i character varying(20), j INT8, k text
    )`);
    await h.roundTrip(model((md) => table(md, "spelled", {
      id: integer().primaryKey(), a: integer(), b: varchar(20), c: numeric(10, 2), d: timestamp(), e: boolean(), f: double(), g: real(),
      h: timestamp(), i: varchar(20), j: bigint(), k: text(),
    })), (d) => expect(ops(d)).toEqual([]));
  });
});

forDialects(["postgresql", "mysql"], (h) => {
  it("16. a column comment added, changed, removed: alterColumn comment carrying the old comment", async () => {
    await given(h, (md) => table(md, "t", {
      id: integer().primaryKey(), a: integer().comment("old a"), b: integer().comment("old b"), c: integer(),
    }));
    const target = model((md) => table(md, "t", {
      id: integer().primaryKey(), a: integer().comment("new a"), b: integer(), c: integer().comment("new c"),
    }));
    const d = await h.roundTrip(target, (d) => expect(ops(d)).toEqual(["alterColumn t.a comment", "alterColumn t.b comment", "alterColumn t.c comment"]));
    expect(alter(d, 0)).toMatchObject({ changes: { comment: "new a" }, existing: { comment: "old a" } });
    expect(alter(d, 1)).toMatchObject({ changes: { comment: null }, existing: { comment: "old b" } });
    expect(reverseOps(d.ops).map((o) => (o as Extract<Op, { kind: "alterColumn" }>).changes)).toEqual([{ comment: null }, { comment: "old b" }, { comment: "old a" }]);
  });

  it("16. a table comment added, changed, removed: the comment op with the old comment for the downgrade", async () => {
    await given(h, (md) => {
      table(md, "a", { id: integer().primaryKey() });
      table(md, "b", { id: integer().primaryKey() }, { comment: "old b" });
      table(md, "c", { id: integer().primaryKey() }, { comment: "old c" });
    });
    const target = model((md) => {
      table(md, "a", { id: integer().primaryKey() }, { comment: "new a" });
      table(md, "b", { id: integer().primaryKey() }, { comment: "new b" });
      table(md, "c", { id: integer().primaryKey() });
    });
    const d = await h.roundTrip(target, (d) => expect(d.ops).toEqual([
      { kind: "createTableComment", schema: null, table: "a", comment: "new a", existing: null },
      { kind: "createTableComment", schema: null, table: "b", comment: "new b", existing: "old b" },
      { kind: "dropTableComment", schema: null, table: "c", existing: "old c" },
    ]));
    expect(reverseOps(d.ops)).toEqual([
      { kind: "createTableComment", schema: null, table: "c", comment: "old c", existing: null },
      { kind: "createTableComment", schema: null, table: "b", comment: "old b", existing: "new b" },
      { kind: "dropTableComment", schema: null, table: "a", existing: "new a" },
    ]);
  });
});

forDialects(["sqlite"], (h) => {
  it("16. SQLite keeps no comments: comments in the model are never a difference", async () => {
    await given(h, (md) => table(md, "t", { id: integer().primaryKey(), a: integer() }));
    await h.roundTrip(model((md) => table(md, "t", { id: integer().primaryKey(), a: integer().comment("ignored") }, { comment: "ignored" })),
      (d) => expect(ops(d)).toEqual([]));
  });
});
