import { describe, expect, it } from "vitest";
import {
  MetaData, table, integer, bigint, smallint, varchar, text, uuid, sql, primaryKey, compileMetadata, foreignKey,
} from "../../../src/schema/index.js";
import type { AnyColumnBuilder } from "../../../src/schema/index.js";

function compileColumns(columns: Record<string, AnyColumnBuilder>, options: Parameters<typeof table>[3] = {}) {
  const md = new MetaData();
  table(md, "t", columns, options);
  return compileMetadata(md).tables[0]!;
}

describe("column builders are immutable", () => {
  it("returns a new builder from every method and leaves the original as it was", () => {
    const base = varchar(20);
    const before = structuredClone(base.def);
    const derived = [
      base.notNull(), base.nullable(), base.primaryKey(), base.unique(), base.index(), base.serverDefault("x"),
      base.default("y"), base.references("other.id"), base.comment("c"), base.autoincrement(false), base.renamedFrom("old"),
    ];
    for (const d of derived) expect(d).not.toBe(base);
    expect(base.def).toEqual(before);
  });

  it("freezes builders and their definitions", () => {
    const b = integer().notNull();
    expect(Object.isFrozen(b)).toBe(true);
    expect(Object.isFrozen(b.def)).toBe(true);
    expect(() => {
      (b.def as { nullable: boolean | null }).nullable = true;
    }).toThrow(TypeError);
  });

  it("lets one base builder be shared by several columns without leaking settings", () => {
    const name = varchar(50);
    const t = compileColumns({ a: name.notNull(), b: name });
    expect(t.columns.map((c) => c.nullable)).toEqual([false, true]);
  });
});

describe("nullability", () => {
  it("is nullable unless notNull() or primaryKey(); the last of notNull()/nullable() wins", () => {
    const t = compileColumns({
      id: integer().primaryKey(),
      a: text(),
      b: text().notNull(),
      c: text().notNull().nullable(),
      d: text().nullable().notNull(),
    });
    expect(t.columns.map((c) => [c.name, c.nullable])).toEqual([
      ["id", false], ["a", true], ["b", false], ["c", true], ["d", false],
    ]);
  });

  it("makes columns of a table-level primary key NOT NULL", () => {
    const t = compileColumns({ a: integer(), b: text(), c: text() }, { primaryKey: primaryKey(["a", "b"]) });
    expect(t.columns.map((c) => c.nullable)).toEqual([false, false, true]);
  });
});

describe("server defaults", () => {
  it("spells strings, numbers, booleans and sql fragments as SQL text", () => {
    const t = compileColumns({
      s: text().serverDefault("it's"),
      empty: text().serverDefault(""),
      n: integer().serverDefault(0),
      f: integer().serverDefault(1.5),
      neg: integer().serverDefault(-3),
      big: bigint().serverDefault(9007199254740993n),
      yes: text().serverDefault(true),
      no: text().serverDefault(false),
      expr: text().serverDefault(sql`  lower('X')  `),
      cleared: text().serverDefault("x").serverDefault(null),
    });
    expect(Object.fromEntries(t.columns.map((c) => [c.name, c.default]))).toEqual({
      s: "'it''s'", empty: "''", n: "0", f: "1.5", neg: "-3", big: "9007199254740993", yes: "true", no: "false",
      expr: "lower('X')", cleared: null,
    });
  });

  it("refuses values with no SQL spelling", () => {
    expect(() => integer().serverDefault(Number.NaN)).toThrow(/has no SQL spelling/);
    expect(() => text().serverDefault({} as never)).toThrow(/takes a string, number, boolean or sql/);
  });

  it("keeps client-side defaults out of the snapshot", () => {
    const t = compileColumns({ token: uuid().notNull().default(() => "generated"), n: integer().default(5) });
    expect(t.columns.map((c) => c.default)).toEqual([null, null]);
  });
});

describe("autoincrement", () => {
  it("is on for a lone integer, bigint or smallint primary key", () => {
    for (const make of [integer, bigint, smallint]) {
      expect(compileColumns({ id: make().primaryKey() }).columns[0]!.autoincrement).toBe(true);
    }
  });

  it("is on for a lone integer key declared through the table option", () => {
    expect(compileColumns({ id: integer(), x: text() }, { primaryKey: ["id"] }).columns[0]!.autoincrement).toBe(true);
  });

  it("is off for non-integer, composite, opted-out, defaulted and foreign-key primary keys", () => {
    expect(compileColumns({ id: uuid().primaryKey() }).columns[0]!.autoincrement).toBe(false);
    expect(compileColumns({ a: integer().primaryKey(), b: integer().primaryKey() }).columns.map((c) => c.autoincrement))
      .toEqual([false, false]);
    expect(compileColumns({ id: integer().primaryKey().autoincrement(false) }).columns[0]!.autoincrement).toBe(false);
    expect(compileColumns({ id: integer().primaryKey().serverDefault(7) }).columns[0]!.autoincrement).toBe(false);
    expect(compileColumns({ id: integer().primaryKey().default(7) }).columns[0]!.autoincrement).toBe(false);
    expect(compileColumns({ id: integer().primaryKey().references("t.id") }).columns[0]!.autoincrement).toBe(false);
    expect(compileColumns({ id: integer().primaryKey() }, { foreignKeys: [foreignKey(["id"], "t", ["id"])] }).columns[0]!.autoincrement)
      .toBe(false);
  });

  it("is off for integer columns outside the key", () => {
    expect(compileColumns({ id: integer().primaryKey(), n: integer().notNull() }).columns[1]!.autoincrement).toBe(false);
  });

  it("can be asked for on one column of a composite integer key", () => {
    const t = compileColumns({ a: integer().primaryKey().autoincrement(), b: integer().primaryKey() });
    expect(t.columns.map((c) => c.autoincrement)).toEqual([true, false]);
  });

  it("refuses autoincrement(true) off the key or on a non-integer type", () => {
    expect(() => compileColumns({ id: integer().primaryKey(), n: integer().autoincrement(true) })).toThrow(
      /"t\.n": autoincrement applies only to primary key columns/,
    );
    expect(() => compileColumns({ id: text().primaryKey().autoincrement(true) })).toThrow(/autoincrement needs an integer type, not text/);
  });
});

describe("comments and rename hints", () => {
  it("sets and clears comments", () => {
    const t = compileColumns({ a: text().comment("shown"), b: text().comment("x").comment(null) });
    expect(t.columns.map((c) => c.comment)).toEqual(["shown", null]);
  });

  it("refuses an empty rename hint", () => {
    expect(() => text().renamedFrom("")).toThrow(/renamedFrom\(\) must be a non-empty string/);
  });
});

describe("references()", () => {
  it("refuses malformed targets and unknown actions when called", () => {
    expect(() => integer().references("users")).toThrow(/"table\.column" or "schema\.table\.column", got "users"/);
    expect(() => integer().references("a.b.c.d")).toThrow(/got "a\.b\.c\.d"/);
    expect(() => integer().references("users.")).toThrow(/got "users\."/);
    expect(() => integer().references("users.id", { onDelete: "EXPLODE" as never })).toThrow(
      /onDelete must be one of CASCADE, SET NULL, SET DEFAULT, RESTRICT, NO ACTION, got "EXPLODE"/,
    );
  });

  it("accepts actions in any case from plain-JS models", () => {
    const t = compileColumns({ id: integer().primaryKey(), p: integer().references("t.id", { onDelete: "set  null" as never }) });
    expect(t.foreignKeys[0]!.onDelete).toBe("SET NULL");
  });
});
