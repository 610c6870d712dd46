/**
 * What a model writes and what the server reflects for the same thing compare equal, and
 * different things do not: defaults, CHECK/index expressions, types, identifiers.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Connection } from "../../../src/dialects/dialect.js";
import { postgresDialect as d } from "../../../src/dialects/postgres/index.js";
import type { ColumnType } from "../../../src/snapshot/types.js";
import { scratchDatabase, serverAvailable, type Scratch } from "../../support/databases.js";
import { tableDifferences } from "./compare-snapshots.js";
import { apply, col, reflectTable, table } from "./harness.js";

const available = await serverAvailable("postgresql");

const DEFAULTS: [ColumnType, string][] = [
  [{ kind: "varchar", length: 20 }, "'x'"],
  [{ kind: "varchar", length: 20 }, "0"],
  [{ kind: "text" }, "'a''b'"],
  [{ kind: "text" }, "upper('x' || 'y')"],
  [{ kind: "jsonb" }, "'{}'"],
  [{ kind: "json" }, "'[1, 2]'"],
  [{ kind: "numeric", precision: 10, scale: 2 }, "0"],
  [{ kind: "numeric", precision: 10, scale: 2 }, "0.00"],
  [{ kind: "numeric", precision: null, scale: null }, "-12.50"],
  [{ kind: "integer" }, "(-1)"],
  [{ kind: "integer" }, "'7'"],
  [{ kind: "bigint" }, "-9000000000"],
  [{ kind: "double" }, "2.5e3"],
  [{ kind: "boolean" }, "TRUE"],
  [{ kind: "boolean" }, "'f'"],
  [{ kind: "timestamp", withTimezone: true }, "CURRENT_TIMESTAMP"],
  [{ kind: "timestamp", withTimezone: true }, "now()"],
  [{ kind: "timestamp", withTimezone: false }, "now()"],
  [{ kind: "timestamp", withTimezone: false }, "LOCALTIMESTAMP"],
  [{ kind: "date" }, "CURRENT_DATE"],
  [{ kind: "uuid" }, "gen_random_uuid()"],
  [{ kind: "raw", sql: "text[]" }, "'{a,b}'"],
  [{ kind: "raw", sql: "interval" }, "'1 day'"],
];

const DIFFERENT_DEFAULTS: [ColumnType, string, string][] = [
  [{ kind: "text" }, "'a'", "'b'"],
  [{ kind: "text" }, "'A'", "'a'"],
  [{ kind: "integer" }, "0", "1"],
  [{ kind: "numeric", precision: 10, scale: 2 }, "1.5", "1.05"],
  [{ kind: "boolean" }, "true", "false"],
  [{ kind: "date" }, "CURRENT_DATE", "CURRENT_TIMESTAMP"],
  [{ kind: "varchar", length: 5 }, "'0'", "'00'"],
];

const CHECKS = [
  "qty >= 0",
  "(qty >= 0)",
  "qty > -1 AND qty < 100",
  "status IN ('a', 'b')",
  "status NOT IN ('x')",
  "length(status) > 0 OR status IS NULL",
  "qty BETWEEN 1 AND 5",
  "(qty + 1) * 2 > 4",
  "NOT (qty = 3 OR qty = 4)",
  "status <> 'z'",
  "status != 'z'",
  "CASE WHEN qty > 10 THEN status = 'big' ELSE true END",
  "price >= 0.00",
  "lower(status) = 'a'",
];

const DIFFERENT_EXPRESSIONS: [string, string][] = [
  ["qty >= 0", "qty > 0"],
  ["(qty + 1) * 2", "qty + 1 * 2"],
  ["a - (b - c)", "a - b - c"],
  ["NOT (a AND b)", "NOT a AND b"],
  ["status = 'A'", "status = 'a'"],
  ["\"Status\" = 1", "status = 1"],
  ["a OR b AND c", "(a OR b) AND c"],
];

describe("postgres normalization (pure)", () => {
  it("types: aliases are equal, different types are not", () => {
    const eq: [ColumnType, ColumnType][] = [
      [{ kind: "varchar", length: 20 }, { kind: "raw", sql: "character varying(20)" }],
      [{ kind: "numeric", precision: 10, scale: 2 }, { kind: "raw", sql: "decimal(10,2)" }],
      [{ kind: "numeric", precision: 10, scale: null }, { kind: "numeric", precision: 10, scale: 0 }],
      [{ kind: "double" }, { kind: "raw", sql: "float" }],
      [{ kind: "double" }, { kind: "raw", sql: "float8" }],
      [{ kind: "real" }, { kind: "raw", sql: "float4" }],
      [{ kind: "integer" }, { kind: "raw", sql: "int4" }],
      [{ kind: "integer" }, { kind: "raw", sql: "serial" }],
      [{ kind: "bigint" }, { kind: "raw", sql: "BIGSERIAL" }],
      [{ kind: "timestamp", withTimezone: true }, { kind: "raw", sql: "timestamptz" }],
      [{ kind: "char", length: null }, { kind: "char", length: 1 }],
      [{ kind: "blob" }, { kind: "raw", sql: "bytea" }],
      [{ kind: "raw", sql: "int4[]" }, { kind: "raw", sql: "integer[]" }],
      [{ kind: "enum", name: "mood", values: [] }, { kind: "enum", name: "public.mood", values: ["a"] }],
    ];
    for (const [a, b] of eq) expect([a, b, d.typesEqual(a, b) && d.typesEqual(b, a)]).toEqual([a, b, true]);
    const ne: [ColumnType, ColumnType][] = [
      [{ kind: "varchar", length: 20 }, { kind: "varchar", length: 50 }],
      [{ kind: "varchar", length: 20 }, { kind: "text" }],
      [{ kind: "numeric", precision: 8, scale: 2 }, { kind: "numeric", precision: 10, scale: 2 }],
      [{ kind: "timestamp", withTimezone: true }, { kind: "timestamp", withTimezone: false }],
      [{ kind: "real" }, { kind: "double" }],
      [{ kind: "integer" }, { kind: "bigint" }],
      [{ kind: "enum", name: "mood", values: [] }, { kind: "enum", name: "other.mood", values: [] }],
      [{ kind: "raw", sql: "integer[]" }, { kind: "raw", sql: "bigint[]" }],
    ];
    for (const [a, b] of ne) expect([a, b, d.typesEqual(a, b)]).toEqual([a, b, false]);
  });

  it("renders types in PostgreSQL spelling", () => {
    expect(d.renderType({ kind: "double" })).toBe("double precision");
    expect(d.renderType({ kind: "blob" })).toBe("bytea");
    expect(d.renderType({ kind: "numeric", precision: 10, scale: 2 })).toBe("numeric(10,2)");
    expect(d.renderType({ kind: "timestamp", withTimezone: true })).toBe("timestamp with time zone");
    expect(d.renderType({ kind: "enum", name: "Mood", values: [] })).toBe('"Mood"');
    expect(d.renderType({ kind: "enum", name: "sales.region", values: [] })).toBe("sales.region");
  });

  it("quotes identifiers only when needed and literals safely", () => {
    expect(d.quoteIdentifier("users")).toBe("users");
    expect(d.quoteIdentifier("user")).toBe('"user"');
    expect(d.quoteIdentifier("Users")).toBe('"Users"');
    expect(d.quoteIdentifier('a "b" c')).toBe('"a ""b"" c"');
    expect(d.literal("it's")).toBe("'it''s'");
    expect(d.literal(null)).toBe("NULL");
    expect(d.literal(true)).toBe("true");
    expect(d.literal(12n)).toBe("12");
    expect(d.literal(new Date("2020-01-02T03:04:05Z"))).toBe("'2020-01-02T03:04:05.000Z'");
    expect(d.literal({ a: "'" })).toBe(`'{"a":"''"}'`);
  });

  it("keeps different defaults and expressions apart", () => {
    for (const [type, a, b] of DIFFERENT_DEFAULTS) {
      expect([a, b, d.normalizeDefault(a, type) === d.normalizeDefault(b, type)]).toEqual([a, b, false]);
    }
    for (const [a, b] of DIFFERENT_EXPRESSIONS) {
      expect([a, b, d.normalizeExpression(a) === d.normalizeExpression(b)]).toEqual([a, b, false]);
    }
    expect(d.normalizeDefault("NULL", { kind: "text" })).toBeNull();
    expect(d.normalizeDefault("NULL::character varying", { kind: "varchar", length: 3 })).toBeNull();
  });

  it("the snapshot comparer used by these tests reports differences", () => {
    const a = table("t", { columns: [col("x", { kind: "varchar", length: 20 }, { default: "'a'" })] });
    const b = table("t", { columns: [col("x", { kind: "varchar", length: 50 }, { default: "'b'" })] });
    expect(tableDifferences(d, a, b)).toHaveLength(2);
  });
});

describe.skipIf(!available)("postgres normalization against the server", () => {
  let scratch: Scratch;
  let conn: Connection;

  beforeAll(async () => {
    scratch = await scratchDatabase("postgresql");
    conn = await d.connect(scratch.url);
  });

  afterAll(async () => {
    await conn?.close();
    await scratch?.drop();
  });

  it("every model default equals what the server reflects for it", async () => {
    const columns = DEFAULTS.map(([type, dflt], i) => col(`c${i}`, type, { default: dflt }));
    await apply(d, conn, { kind: "createTable", table: table("defaults", { columns }) });
    const got = await reflectTable(d, conn, "defaults");
    const mismatches = columns.flatMap((c, i) => {
      const g = got.columns[i]!;
      const [want, have] = [d.normalizeDefault(c.default, c.type), d.normalizeDefault(g.default, g.type)];
      return want === have ? [] : [`${c.default} → server ${g.default}: ${want} vs ${have}`];
    });
    expect(mismatches).toEqual([]);
  });

  it("every model CHECK equals what the server reflects for it, in a second round too", async () => {
    const checks = CHECKS.map((expression, i) => ({ name: `ck_${i}`, expression }));
    const columns = [col("qty", { kind: "integer" }), col("status", { kind: "varchar", length: 10 }), col("price", { kind: "numeric", precision: 8, scale: 2 })];
    await apply(d, conn, { kind: "createTable", table: table("checked", { columns, checks }) });
    const got = await reflectTable(d, conn, "checked");
    expect(tableDifferences(d, table("checked", { columns, checks }), got)).toEqual([]);
    await apply(d, conn, { kind: "createTable", table: { ...got, name: "checked2" } });
    const again = await reflectTable(d, conn, "checked2");
    expect(tableDifferences(d, { ...got, name: "checked2" }, again)).toEqual([]);
  });

  it("expression and partial indexes compare equal to the model", async () => {
    const indexes = [
      { name: "ix_a", columns: [{ expression: "lower(name)" }], unique: false, where: "deleted_at IS NULL" },
      { name: "ix_b", columns: ["id", { expression: "(name || 'x')" }], unique: true, where: "(id > 0) AND (name <> '')" },
      { name: "ix_c", columns: [{ expression: "coalesce(id, 0) + 1" }], unique: false, where: null },
    ];
    const columns = [col("id", { kind: "integer" }), col("name", { kind: "varchar", length: 30 }), col("deleted_at", { kind: "timestamp", withTimezone: true })];
    await apply(d, conn, { kind: "createTable", table: table("indexed", { columns, indexes }) });
    const got = await reflectTable(d, conn, "indexed");
    expect(tableDifferences(d, table("indexed", { columns, indexes }), got)).toEqual([]);
  });

  it("SERIAL and IDENTITY columns are autoincrement without default; a free nextval default stays a default", async () => {
    await conn.execute("CREATE SEQUENCE free_seq");
    await conn.execute(`CREATE TABLE keys (
      a serial, b bigserial, c integer GENERATED ALWAYS AS IDENTITY, d smallint GENERATED BY DEFAULT AS IDENTITY,
      e integer DEFAULT nextval('free_seq'))`);
    const got = await reflectTable(d, conn, "keys");
    expect(got.columns.map((c) => [c.name, c.type.kind, c.autoincrement, c.default])).toEqual([
      ["a", "integer", true, null], ["b", "bigint", true, null], ["c", "integer", true, null],
      ["d", "smallint", true, null], ["e", "integer", false, "nextval('free_seq'::regclass)"],
    ]);
    expect(d.normalizeDefault(got.columns[4]!.default, { kind: "integer" })).toBe(d.normalizeDefault("nextval('free_seq')", { kind: "integer" }));
  });

  it("identifiers with quotes, spaces, unicode, capitals and reserved words survive", async () => {
    const names = ['we"ird', "with space", "ünïcødé", "MixedCase", "select", "from"];
    const t = table('Tab "le"', {
      primaryKey: { name: "pk Tab", columns: ["select"] },
      columns: names.map((n) => col(n, { kind: "integer" }, { nullable: n !== "select" })),
      indexes: [{ name: "ix ünï", columns: ["ünïcødé", "MixedCase"], unique: true, where: '"from" > 0' }],
      checks: [{ name: "ck \"q\"", expression: '"we""ird" <> 0' }],
      uniques: [{ name: "uq space", columns: ["with space"] }],
    });
    await apply(d, conn, { kind: "createTable", table: t });
    const got = await reflectTable(d, conn, 'Tab "le"');
    expect(tableDifferences(d, t, got)).toEqual([]);
  });
});
