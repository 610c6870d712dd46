import { describe, expect, it, vi } from "vitest";
import {
  MetaData, isMetaData, isSql, table, integer, text, sql, check, compileMetadata, renameHints, isTable, tableDefinition,
} from "../../../src/schema/index.js";

describe("MetaData", () => {
  it("is recognized by its brand, also when made by a second copy of the package", async () => {
    vi.resetModules();
    const copy = await import("../../../src/schema/index.js");
    expect(copy.MetaData).not.toBe(MetaData);
    const md = new copy.MetaData({ namingConvention: { uq: "uq_%(table)s_%(column_0_name)s" } });
    copy.table(md, "users", { id: copy.integer().primaryKey(), email: copy.text().unique() });
    expect(md instanceof MetaData).toBe(false);
    expect(isMetaData(md)).toBe(true);
    expect(compileMetadata(md as unknown as MetaData).tables[0]!.uniques).toEqual([{ name: "uq_users_email", columns: ["email"] }]);
  });

  it("rejects look-alikes", () => {
    expect(isMetaData({ tables: [] })).toBe(false);
    expect(isMetaData(null)).toBe(false);
    expect(isMetaData("metadata")).toBe(false);
    expect(() => compileMetadata({} as MetaData)).toThrow(/compileMetadata\(\) expects a MetaData/);
  });

  it("hands out a copy of its table list, so callers cannot change it", () => {
    const md = new MetaData();
    const t = table(md, "t", { id: integer() });
    const list = md.tables as unknown[];
    expect(() => list.push("x")).toThrow(TypeError);
    expect(md.tables).toEqual([t]);
  });

  it("makes frozen tables whose definition lives under a symbol, away from column keys", () => {
    const md = new MetaData();
    const t = table(md, "t", { name: text(), schema: text(), columns: text() });
    expect(Object.isFrozen(t)).toBe(true);
    expect(Object.keys(t)).toEqual(["name", "schema", "columns"]);
    expect(t.name.name).toBe("name");
    expect(isTable(t)).toBe(true);
    expect(tableDefinition(t)).toMatchObject({ name: "t", schema: null });
  });

  it("does not change the options or column record it was given", () => {
    const columns = { id: integer().primaryKey(), body: text() };
    const options = { comment: "c", checks: [check("c1", sql`id > 0`)] };
    const convention = { ix: "ix_%(columns)s" };
    const snapshot = JSON.stringify([columns, options, convention]);
    const md = new MetaData({ namingConvention: convention });
    table(md, "t", columns, options);
    compileMetadata(md);
    expect(JSON.stringify([columns, options, convention])).toBe(snapshot);
    expect(Object.isFrozen(convention)).toBe(false);
  });
});

describe("sql`…`", () => {
  it("keeps raw text and splices fragments and numbers", () => {
    const limit = 10;
    const inner = sql`length(name)`;
    expect(sql`${inner} BETWEEN ${1} AND ${limit} OR ${2n} = 2`.text).toBe("length(name) BETWEEN 1 AND 10 OR 2 = 2");
    expect(isSql(sql`x`)).toBe(true);
    expect(isSql({ text: "x" })).toBe(false);
  });

  it("refuses interpolated strings and other values", () => {
    const name = "x'; DROP TABLE users; --";
    expect(() => sql`name = ${name as never}`).toThrow(/value #1 is a string; only sql`…` fragments and numbers may be interpolated/);
    expect(() => sql`${sql`a`} = ${null as never}`).toThrow(/value #2 is a null/);
    expect(() => sql`x = ${Number.POSITIVE_INFINITY}`).toThrow(/value #1 is Infinity/);
  });

  it("offers sql.raw for trusted text", () => {
    expect(sql.raw("now()").text).toBe("now()");
    expect(() => sql.raw(1 as never)).toThrow(/sql\.raw\(\) takes a string/);
  });

  it("makes frozen fragments", () => {
    expect(Object.isFrozen(sql`x`)).toBe(true);
  });
});

describe("renameHints", () => {
  it("collects table and column hints keyed by their new names", () => {
    const md = new MetaData();
    table(md, "people", { id: integer(), fullName: text("full_name").renamedFrom("name") }, { renamedFrom: "users" });
    table(md, "logs", { line: text().renamedFrom("text") }, { schema: "audit", renamedFrom: "log" });
    table(md, "plain", { a: integer() });
    const hints = renameHints(md);
    expect([...hints.tables]).toEqual([["people", "users"], ["audit.logs", "log"]]);
    expect([...hints.columns]).toEqual([["people.full_name", "name"], ["logs.line", "text"]]);
  });

  it("drops the default schema from table keys like compileMetadata does", () => {
    const md = new MetaData({ schema: "public" });
    table(md, "people", { id: integer() }, { renamedFrom: "users" });
    expect([...renameHints(md, { defaultSchema: "public" }).tables]).toEqual([["people", "users"]]);
    expect([...renameHints(md).tables]).toEqual([["public.people", "users"]]);
  });

  it("refuses two tables renamed from one", () => {
    const md = new MetaData();
    table(md, "a", { id: integer() }, { renamedFrom: "old" });
    table(md, "b", { id: integer() }, { renamedFrom: "old" });
    expect(() => renameHints(md)).toThrow('tables "a" and "b" both claim to be renamed from "old"');
  });
});
