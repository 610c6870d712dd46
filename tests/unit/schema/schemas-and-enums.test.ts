import { describe, expect, it } from "vitest";
import { MetaData, table, integer, text, enumType, foreignKey, compileMetadata } from "../../../src/schema/index.js";

describe("schemas", () => {
  it("sort tables by (schema, name) with the default schema first", () => {
    const md = new MetaData();
    table(md, "zebra", { id: integer() });
    table(md, "apple", { id: integer() }, { schema: "sales" });
    table(md, "apple", { id: integer() });
    table(md, "banana", { id: integer() }, { schema: "audit" });
    expect(compileMetadata(md).tables.map((t) => [t.schema, t.name])).toEqual([
      [null, "apple"], [null, "zebra"], ["audit", "banana"], ["sales", "apple"],
    ]);
  });

  it("give tables the metadata's schema unless they name their own", () => {
    const md = new MetaData({ schema: "app" });
    const users = table(md, "users", { id: integer().primaryKey() });
    table(md, "events", { id: integer() }, { schema: "audit" });
    expect(users.id.schema).toBe("app");
    expect(compileMetadata(md).tables.map((t) => [t.schema, t.name])).toEqual([["app", "users"], ["audit", "events"]]);
  });

  it("compile the default schema to null, in tables, foreign keys and enums", () => {
    const md = new MetaData({ schema: "public" });
    table(md, "users", { id: integer().primaryKey(), mood: enumType("mood", ["ok"]) });
    table(md, "posts", { id: integer().primaryKey(), userId: integer("user_id").references("users.id") });
    table(md, "archive", { id: integer(), userId: integer("user_id").references("public.users.id") }, { schema: "old" });
    const snap = compileMetadata(md, { defaultSchema: "public" });
    expect(snap.tables.map((t) => [t.schema, t.name])).toEqual([[null, "posts"], [null, "users"], ["old", "archive"]]);
    expect(snap.tables.map((t) => t.foreignKeys[0]?.referredSchema)).toEqual([null, undefined, null]);
    expect(snap.enums).toEqual([{ schema: null, name: "mood", values: ["ok"] }]);
  });

  it("resolve unqualified references in the metadata's schema and qualified ones where they say", () => {
    const md = new MetaData({ schema: "app" });
    table(md, "users", { id: integer().primaryKey() });
    table(md, "users", { id: integer().primaryKey() }, { schema: "auth" });
    table(md, "posts", {
      a: integer().references("users.id"),
      b: integer().references("auth.users.id"),
    }, { foreignKeys: [foreignKey("fk_c", ["a"], "auth.users", ["id"])] });
    const posts = compileMetadata(md).tables.find((t) => t.name === "posts")!;
    expect(posts.foreignKeys.map((fk) => [fk.name, fk.columns[0], fk.referredSchema])).toEqual([
      ["fk_c", "a", "auth"], [null, "a", "app"], [null, "b", "auth"],
    ]);
  });

  it("keep table comments", () => {
    const md = new MetaData();
    table(md, "a", { id: integer() }, { comment: "first" });
    table(md, "b", { id: integer() });
    expect(compileMetadata(md).tables.map((t) => t.comment)).toEqual(["first", null]);
  });
});

describe("enums", () => {
  it("are collected once per (schema, name), sorted, in the table's schema unless given one", () => {
    const md = new MetaData();
    table(md, "a", { s: enumType("status", ["on", "off"]), k: enumType("kind", ["x"]) });
    table(md, "b", { s: enumType("status", ["on", "off"]).notNull() });
    table(md, "c", { s: enumType("status", ["up"]) }, { schema: "ops" });
    table(md, "d", { s: enumType("shared", ["1"], { schema: "types" }) }, { schema: "ops" });
    expect(compileMetadata(md).enums).toEqual([
      { schema: null, name: "kind", values: ["x"] },
      { schema: null, name: "status", values: ["on", "off"] },
      { schema: "ops", name: "status", values: ["up"] },
      { schema: "types", name: "shared", values: ["1"] },
    ]);
  });

  it("refuse one type name with two lists of values", () => {
    const md = new MetaData();
    table(md, "a", { s: enumType("status", ["on", "off"]) });
    table(md, "b", { state: enumType("status", ["off", "on"]) });
    expect(() => compileMetadata(md)).toThrow(
      'enum "status" has values [on, off] on a.s but [off, on] on b.state; one type name needs one list of values',
    );
  });
});

describe("models with mistakes", () => {
  it("refuse a reference to a column the table does not have", () => {
    const md = new MetaData();
    table(md, "users", { id: integer().primaryKey() });
    table(md, "posts", { userId: integer("user_id").references("users.nocolumn") });
    expect(() => compileMetadata(md)).toThrow('column "posts.user_id" refers to unknown column "users.nocolumn" (columns: id)');
  });

  it("refuse a reference to a table the metadata does not declare", () => {
    const md = new MetaData();
    table(md, "posts", { userId: integer("user_id").references("userz.id") });
    expect(() => compileMetadata(md)).toThrow('column "posts.user_id" refers to table "userz", which is not declared in this MetaData');
  });

  it("refuse a table-level foreign key to an unknown column", () => {
    const md = new MetaData();
    table(md, "users", { id: integer().primaryKey() });
    table(md, "posts", { uid: integer() }, { foreignKeys: [foreignKey("fk_x", ["uid"], "users", ["uid"])] });
    expect(() => compileMetadata(md)).toThrow(/foreign key "fk_x" refers to unknown column "users\.uid"/);
  });

  it("refuse a function reference that does not return a column", () => {
    const md = new MetaData();
    table(md, "posts", { uid: integer().references(() => ({}) as never) });
    expect(() => compileMetadata(md)).toThrow(/the function must return a column of a table/);
  });

  it("refuse a duplicate table name in the same schema, naming it", () => {
    const md = new MetaData();
    table(md, "users", { id: integer() });
    table(md, "users", { id: integer() }, { schema: "other" });
    expect(() => table(md, "users", { email: text() })).toThrow('table "users" is already defined in this MetaData');
    expect(() => table(md, "users", { id: integer() }, { schema: "other" })).toThrow('table "other.users" is already defined');
  });

  it("refuse constraints naming unknown columns", () => {
    const md = new MetaData();
    expect(() => table(md, "t", { a: integer() }, { indexes: [foreignKey(["a"], "t", ["a"]) as never] })).toThrow(
      /option indexes takes index\(…\) entries/,
    );
    expect(() => table(md, "t", { a: integer() }, { uniques: [{ kind: "unique", name: "u", columns: ["nocolumn"] }] })).toThrow(
      'table "t": unique constraint "u" names unknown column "nocolumn" (columns: a)',
    );
    expect(() => table(md, "t", { a: integer() }, { foreignKeys: [foreignKey(["b"], "t", ["a"])] })).toThrow(
      /unnamed foreign key names unknown column "b"/,
    );
    expect(() => table(md, "t", { a: integer() }, { primaryKey: ["a", "zz"] })).toThrow(/primary key names unknown column "zz"/);
  });

  it("refuse two columns with one SQL name, empty tables, unknown options and non-builders", () => {
    const md = new MetaData();
    expect(() => table(md, "t", { a: integer(), b: integer("a") })).toThrow('table "t": two columns are named "a"');
    expect(() => table(md, "t", {})).toThrow('table "t" has no columns');
    expect(() => table(md, "t", { a: integer() }, { index: [] } as never)).toThrow(/unknown option "index"/);
    expect(() => table(md, "t", { a: integer } as never)).toThrow(/column "a" is not a column \(did you forget the call/);
    expect(() => table(md, "", { a: integer() })).toThrow(/table name must be a non-empty string/);
    expect(md.tables).toEqual([]);
  });

  it("refuse two constraints with the same name in one table", () => {
    const md = new MetaData({ namingConvention: { uq: "uq_%(table)s_%(column_0_name)s" } });
    table(md, "t", { a: integer().unique() }, { indexes: [{ kind: "index", name: "uq_t_a", columns: ["a"], unique: false, where: null }] });
    expect(() => compileMetadata(md)).toThrow('table "t": two constraints or indexes are named "uq_t_a"');
  });

  it("report these as MODELS errors", () => {
    const md = new MetaData();
    table(md, "users", { id: integer() });
    try {
      table(md, "users", { id: integer() });
      expect.unreachable();
    } catch (e) {
      expect(e).toMatchObject({ name: "AthanorError", code: "MODELS" });
    }
  });
});
