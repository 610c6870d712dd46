import { describe, expect, it } from "vitest";
import {
  MetaData, table, integer, bigint, smallint, varchar, char, text, boolean, real, double, numeric, date, time,
  timestamp, json, jsonb, uuid, blob, enumType, compileMetadata,
} from "../../../src/schema/index.js";
import type { AnyColumnBuilder } from "../../../src/schema/index.js";
import type { ColumnType } from "../../../src/snapshot/types.js";

function compiledColumn(builder: AnyColumnBuilder) {
  const md = new MetaData();
  table(md, "t", { col: builder });
  return compileMetadata(md).tables[0]!.columns[0]!;
}

const cases: [string, AnyColumnBuilder, string, ColumnType][] = [
  ["integer()", integer(), "col", { kind: "integer" }],
  ["integer(name)", integer("n"), "n", { kind: "integer" }],
  ["bigint()", bigint(), "col", { kind: "bigint" }],
  ["bigint(name)", bigint("n"), "n", { kind: "bigint" }],
  ["smallint()", smallint(), "col", { kind: "smallint" }],
  ["varchar()", varchar(), "col", { kind: "varchar", length: null }],
  ["varchar(255)", varchar(255), "col", { kind: "varchar", length: 255 }],
  ["varchar(name)", varchar("email"), "email", { kind: "varchar", length: null }],
  ["varchar(name, 100)", varchar("display_name", 100), "display_name", { kind: "varchar", length: 100 }],
  ["char(2)", char(2), "col", { kind: "char", length: 2 }],
  ["char(name, 3)", char("code", 3), "code", { kind: "char", length: 3 }],
  ["char()", char(), "col", { kind: "char", length: null }],
  ["text()", text(), "col", { kind: "text" }],
  ["boolean(name)", boolean("is_active"), "is_active", { kind: "boolean" }],
  ["real()", real(), "col", { kind: "real" }],
  ["double()", double(), "col", { kind: "double" }],
  ["numeric()", numeric(), "col", { kind: "numeric", precision: null, scale: null }],
  ["numeric(10)", numeric(10), "col", { kind: "numeric", precision: 10, scale: null }],
  ["numeric(10, 2)", numeric(10, 2), "col", { kind: "numeric", precision: 10, scale: 2 }],
  ["numeric(name, 10, 2)", numeric("price", 10, 2), "price", { kind: "numeric", precision: 10, scale: 2 }],
  ["numeric(name)", numeric("price"), "price", { kind: "numeric", precision: null, scale: null }],
  ["date()", date(), "col", { kind: "date" }],
  ["time()", time(), "col", { kind: "time" }],
  ["timestamp()", timestamp(), "col", { kind: "timestamp", withTimezone: false }],
  ["timestamp(opts)", timestamp({ withTimezone: true }), "col", { kind: "timestamp", withTimezone: true }],
  ["timestamp(name)", timestamp("at"), "at", { kind: "timestamp", withTimezone: false }],
  ["timestamp(name, opts)", timestamp("created_at", { withTimezone: true }), "created_at", { kind: "timestamp", withTimezone: true }],
  ["json()", json(), "col", { kind: "json" }],
  ["jsonb()", jsonb(), "col", { kind: "jsonb" }],
  ["uuid()", uuid(), "col", { kind: "uuid" }],
  ["blob()", blob(), "col", { kind: "blob" }],
  ["enumType(type, values)", enumType("mood", ["sad", "ok"]), "col", { kind: "enum", name: "mood", values: ["sad", "ok"] }],
  ["enumType(type, values, {name})", enumType("mood", ["sad"], { name: "feeling" }), "feeling", { kind: "enum", name: "mood", values: ["sad"] }],
];

describe("column type builders", () => {
  it.each(cases)("%s gives its SQL name and type", (_label, builder, name, type) => {
    const col = compiledColumn(builder);
    expect(col.name).toBe(name);
    expect(col.type).toEqual(type);
    expect(col.nullable).toBe(true);
  });

  it("copies enum values, so changing the array afterwards changes nothing", () => {
    const values: [string, string] = ["a", "b"];
    const builder = enumType("letters", values);
    values[1] = "z";
    expect(compiledColumn(builder).type).toEqual({ kind: "enum", name: "letters", values: ["a", "b"] });
  });

  it.each([
    ["varchar(0)", () => varchar(0), /varchar length must be an integer ≥ 1/],
    ["varchar(1.5)", () => varchar(1.5), /varchar length/],
    ["char(-1)", () => char("c", -1), /char length/],
    ["numeric(5, 6)", () => numeric(5, 6), /scale \(6\) cannot exceed precision \(5\)/],
    ["numeric(0)", () => numeric(0), /numeric precision/],
    ["integer(5) from plain JS", () => (integer as (x: unknown) => unknown)(5), /integer\(\) takes only an optional column name/],
    ["integer('')", () => integer(""), /column name must be a non-empty string/],
    ["timestamp(true) from plain JS", () => (timestamp as (x: unknown) => unknown)(true), /timestamp\(\) options must be an object/],
    ["enumType with no values", () => enumType("e", []), /non-empty array/],
    ["enumType with a repeated value", () => enumType("e", ["a", "a"]), /lists "a" twice/],
    ["enumType with a number value", () => (enumType as (n: string, v: unknown) => unknown)("e", ["a", 1]), /values must be strings/],
    ["enumType without a type name", () => enumType("", ["a"]), /type name must be a non-empty string/],
  ])("refuses %s", (_label, make, message) => {
    expect(make).toThrow(message);
  });
});
