/**
 * MySQL 8 prints catalog text differently from MariaDB (bare string defaults, charset
 * introducers, parenthesized checks). No MySQL 8 server runs here, so its spellings, taken from
 * its documentation, go through the same reflection and normalization functions directly.
 */
import { describe, expect, it } from "vitest";
import type { ColumnType } from "../../../src/snapshot/types.js";
import { reflectDefault } from "../../../src/dialects/mysql/defaults.js";
import { mysqlDialect as d } from "../../../src/dialects/mysql/index.js";

const VARCHAR: ColumnType = { kind: "varchar", length: 20 };
const INT: ColumnType = { kind: "integer" };
const JSON_T: ColumnType = { kind: "json" };
const DT: ColumnType = { kind: "timestamp", withTimezone: false };

function reflected(columnDefault: string | null, extra: string, type: ColumnType): string | null {
  return d.normalizeDefault(reflectDefault({ columnDefault, extra }, type, "mysql"), type);
}

describe("MySQL 8 catalog spellings", () => {
  it("defaults equal what a model writes", () => {
    expect(reflected("abc", "", VARCHAR)).toBe(d.normalizeDefault("'abc'", VARCHAR));
    expect(reflected("it's", "", VARCHAR)).toBe(d.normalizeDefault("'it''s'", VARCHAR));
    expect(reflected("0", "", INT)).toBe(d.normalizeDefault("0", INT));
    expect(reflected(null, "", VARCHAR)).toBeNull();
    expect(reflected("CURRENT_TIMESTAMP", "DEFAULT_GENERATED on update CURRENT_TIMESTAMP", DT)).toBe("CURRENT_TIMESTAMP");
    expect(reflectDefault({ columnDefault: "CURRENT_TIMESTAMP", extra: "DEFAULT_GENERATED on update CURRENT_TIMESTAMP" }, DT, "mysql"))
      .toBe("CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP");
    expect(reflected("_utf8mb4\\'{}\\'", "DEFAULT_GENERATED", JSON_T)).toBe(d.normalizeDefault("'{}'", JSON_T));
    expect(reflected("lower(_utf8mb4\\'X\\')", "DEFAULT_GENERATED", VARCHAR)).toBe(d.normalizeDefault("lower('X')", VARCHAR));
    expect(reflected("(`a` + 1)", "DEFAULT_GENERATED", INT)).toBe(d.normalizeDefault("a + 1", INT));
  });

  it("checks equal what a model writes", () => {
    expect(d.normalizeExpression("((`status` in (_utf8mb4'a',_utf8mb4'b')) and (`qty` >= 0))"))
      .toBe(d.normalizeExpression("status IN ('a', 'b') AND qty >= 0"));
  });

  it("types equal what a model writes", () => {
    expect(d.typesEqual({ kind: "raw", sql: "int" }, INT)).toBe(true);
    expect(d.typesEqual({ kind: "raw", sql: "json" }, { kind: "jsonb" })).toBe(true);
    expect(d.typesEqual({ kind: "raw", sql: "int unsigned" }, { kind: "raw", sql: "int(10) unsigned" })).toBe(true);
    expect(d.typesEqual({ kind: "raw", sql: "int unsigned" }, INT)).toBe(false);
  });
});
