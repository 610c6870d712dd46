/** The model/database pairs SQLite must see as equal (and a few it must not). */
import { describe, expect, it } from "vitest";
import type { ColumnType } from "../../../src/snapshot/types.js";
import { sqliteDialect as d } from "../../../src/dialects/sqlite/index.js";
import { tableDifferences } from "./compare.js";
import { col, openScratch, reflect, table } from "./helpers.js";

const int: ColumnType = { kind: "integer" };
const bool: ColumnType = { kind: "boolean" };
const text: ColumnType = { kind: "text" };
const num: ColumnType = { kind: "numeric", precision: 10, scale: 2 };

describe("sqlite normalizeDefault", () => {
  it.each([
    ["(CURRENT_TIMESTAMP)", "CURRENT_TIMESTAMP", text],
    ["now()", "current_timestamp", text],
    ["(0.00)", "0", num],
    ["0.50", ".5", num],
    ["'0'", "0", int],
    ["(-1)", "-1", int],
    ["true", "1", bool],
    ["FALSE", "0", bool],
    ["(lower('X'))", "lower( 'X' )", text],
    ["NULL", null, text],
  ])("%s ≡ %s", (a, b, type) => {
    expect(d.normalizeDefault(a, type)).toBe(d.normalizeDefault(b, type));
  });

  it.each([
    ["'abc'", "'ABC'", text],
    ["lower('X')", "lower('x')", text],
    ["1", "2", int],
    ["'0'", "0", text],
  ])("%s differs from %s", (a, b, type) => {
    expect(d.normalizeDefault(a, type)).not.toBe(d.normalizeDefault(b, type));
  });
});

describe("sqlite normalizeExpression", () => {
  it("ignores outer parentheses, spacing, keyword case and quoting of plain names", () => {
    expect(d.normalizeExpression("(qty >= 0)")).toBe(d.normalizeExpression('"qty">=0'));
    expect(d.normalizeExpression("deleted_at is null")).toBe(d.normalizeExpression("DELETED_AT IS NULL"));
    expect(d.normalizeExpression("a != b")).toBe(d.normalizeExpression("a <> b"));
    expect(d.normalizeExpression("name = 'A'")).not.toBe(d.normalizeExpression("name = 'a'"));
  });
});

describe("sqlite typesEqual", () => {
  const eq: [ColumnType, ColumnType][] = [
    [{ kind: "varchar", length: 50 }, { kind: "raw", sql: "varchar ( 50 )" }],
    [{ kind: "numeric", precision: 10, scale: 2 }, { kind: "raw", sql: "DECIMAL(10, 2)" }],
    [{ kind: "numeric", precision: 10, scale: null }, { kind: "numeric", precision: 10, scale: 0 }],
    [{ kind: "timestamp", withTimezone: false }, { kind: "raw", sql: "datetime" }],
    [{ kind: "double" }, { kind: "raw", sql: "DOUBLE PRECISION" }],
    [{ kind: "enum", name: "s", values: ["ab", "abcd"] }, { kind: "varchar", length: 4 }],
    [{ kind: "bigint" }, { kind: "integer" }],
    [{ kind: "raw", sql: "MEDIUMINT" }, { kind: "raw", sql: "mediumint" }],
  ];
  it.each(eq)("%j ≡ %j", (a, b) => {
    expect(d.typesEqual(a, b)).toBe(true);
    expect(d.typesEqual(b, a)).toBe(true);
  });
  const ne: [ColumnType, ColumnType][] = [
    [{ kind: "varchar", length: 20 }, { kind: "varchar", length: 50 }],
    [{ kind: "numeric", precision: 8, scale: 2 }, { kind: "numeric", precision: 10, scale: 2 }],
    [{ kind: "timestamp", withTimezone: true }, { kind: "timestamp", withTimezone: false }],
    [{ kind: "enum", name: "s", values: ["ab", "abcdef"] }, { kind: "varchar", length: 4 }],
    [{ kind: "text" }, { kind: "varchar", length: null }],
    [{ kind: "real" }, { kind: "double" }],
  ];
  it.each(ne)("%j differs from %j", (a, b) => {
    expect(d.typesEqual(a, b)).toBe(false);
  });
});

describe("sqlite: tables written by hand compare equal to the model (AUTOGEN false positives)", () => {
  it("parenthesized defaults, inline UNIQUE, AUTOINCREMENT, declared type names", async () => {
    const db = await openScratch();
    try {
      await db.conn.execute(`CREATE TABLE "users" (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        email varchar(50) NOT NULL UNIQUE,
        created DATETIME DEFAULT (CURRENT_TIMESTAMP) NOT NULL,
        balance DECIMAL(10,2) DEFAULT (0.00),
        active boolean DEFAULT 1,
        nick TEXT CONSTRAINT uq_users_nick UNIQUE,
        CONSTRAINT ck_users_balance CHECK ((balance >= 0))
      )`);
      const model = table("users", [
        col("id", { kind: "integer" }, { nullable: false, autoincrement: true }),
        col("email", { kind: "varchar", length: 50 }, { nullable: false }),
        col("created", { kind: "timestamp", withTimezone: false }, { nullable: false, default: "CURRENT_TIMESTAMP" }),
        col("balance", { kind: "numeric", precision: 10, scale: 2 }, { default: "0" }),
        col("active", { kind: "boolean" }, { default: "true" }),
        col("nick", { kind: "text" }),
      ], {
        primaryKey: { name: null, columns: ["id"] },
        uniques: [{ name: null, columns: ["email"] }, { name: "uq_users_nick", columns: ["nick"] }],
        checks: [{ name: "ck_users_balance", expression: "balance >= 0" }],
      });
      expect(tableDifferences(d, model, await reflect(db, "users"))).toEqual([]);
    } finally {
      await db.close();
    }
  });
});
