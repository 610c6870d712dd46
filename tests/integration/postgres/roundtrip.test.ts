/**
 * Round trip: createTable for a rich set of tables → introspect → each table equals what was
 * written, modulo the dialect's own equality (types, defaults, expressions).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Connection } from "../../../src/dialects/dialect.js";
import type { SchemaSnapshot, TableSnapshot } from "../../../src/snapshot/types.js";
import { scratchDatabase, serverAvailable, type Scratch } from "../../support/databases.js";
import { tableDifferences } from "./compare-snapshots.js";
import { apply, col, table } from "./harness.js";

const available = await serverAvailable("postgresql");

const mood = { kind: "enum", name: "mood", values: ["sad", "ok", "happy"] } as const;
const extraStatus = { kind: "enum", name: "extra.status", values: ["on", "off"] } as const;

const kinds = table("kinds", {
  comment: "every column type",
  primaryKey: { name: "pk_kinds", columns: ["id"] },
  columns: [
    col("id", { kind: "integer" }, { nullable: false, autoincrement: true, comment: "surrogate key" }),
    col("big", { kind: "bigint" }, { default: "-3" }),
    col("small", { kind: "smallint" }, { nullable: false, default: "(-1)" }),
    col("vc", { kind: "varchar", length: 255 }, { nullable: false, default: "'abc'" }),
    col("vc_free", { kind: "varchar", length: null }, { default: "'x''y'" }),
    col("ch", { kind: "char", length: 3 }, { default: "'abc'" }),
    col("ch1", { kind: "char", length: null }),
    col("txt", { kind: "text" }, { default: "'it''s'", comment: "a 'quoted' comment" }),
    col("flag", { kind: "boolean" }, { nullable: false, default: "TRUE" }),
    col("flag2", { kind: "boolean" }, { default: "false" }),
    col("r", { kind: "real" }, { default: "1.5" }),
    col("dbl", { kind: "double" }, { default: "0" }),
    col("money", { kind: "numeric", precision: 10, scale: 2 }, { nullable: false, default: "0" }),
    col("money2", { kind: "numeric", precision: 12, scale: 4 }, { default: "0.00" }),
    col("num_any", { kind: "numeric", precision: null, scale: null }),
    col("day", { kind: "date" }, { default: "CURRENT_DATE" }),
    col("at_time", { kind: "time" }),
    col("created", { kind: "timestamp", withTimezone: false }, { nullable: false, default: "CURRENT_TIMESTAMP" }),
    col("updated", { kind: "timestamp", withTimezone: true }, { default: "now()" }),
    col("stamped", { kind: "timestamp", withTimezone: true }, { default: "CURRENT_TIMESTAMP" }),
    col("doc", { kind: "json" }),
    col("docb", { kind: "jsonb" }, { nullable: false, default: "'{}'" }),
    col("uid", { kind: "uuid" }, { default: "gen_random_uuid()" }),
    col("bin", { kind: "blob" }),
    col("feeling", mood, { default: "'ok'" }),
    col("tags", { kind: "raw", sql: "text[]" }, { default: "'{}'" }),
    col("ints", { kind: "raw", sql: "integer[]" }),
    col("search", { kind: "raw", sql: "tsvector" }),
    col("tz_time", { kind: "raw", sql: "time with time zone" }),
    col("lowered", { kind: "text" }, { default: "lower('X')" }),
    col("order", { kind: "integer" }, { comment: "a reserved word" }),
    col('Weird "Name" é', { kind: "varchar", length: 20 }),
  ],
});

const parent = table("parent", {
  comment: "composite key",
  primaryKey: { name: "pk_parent", columns: ["a", "b"] },
  columns: [
    col("a", { kind: "integer" }, { nullable: false }),
    col("b", { kind: "varchar", length: 10 }, { nullable: false }),
    col("label", { kind: "text" }),
    col("code", { kind: "varchar", length: 8 }),
  ],
  uniques: [{ name: "uq_parent_code", columns: ["code"] }, { name: "uq_parent_label_code", columns: ["label", "code"] }],
});

const child = table("child", {
  primaryKey: { name: "child_pkey", columns: ["id"] },
  columns: [
    col("id", { kind: "bigint" }, { nullable: false, autoincrement: true }),
    col("pa", { kind: "integer" }),
    col("pb", { kind: "varchar", length: 10 }),
    col("kind_id", { kind: "integer" }, { nullable: false }),
    col("name", { kind: "varchar", length: 100 }, { nullable: false }),
    col("qty", { kind: "integer" }, { nullable: false, default: "0" }),
    col("status", { kind: "varchar", length: 10 }, { default: "'a'" }),
    col("deleted_at", { kind: "timestamp", withTimezone: true }),
  ],
  foreignKeys: [
    { name: "fk_child_parent", columns: ["pa", "pb"], referredSchema: null, referredTable: "parent", referredColumns: ["a", "b"], onDelete: "CASCADE", onUpdate: "SET NULL" },
    { name: "fk_child_kind", columns: ["kind_id"], referredSchema: null, referredTable: "kinds", referredColumns: ["id"], onDelete: "RESTRICT", onUpdate: "CASCADE" },
  ],
  indexes: [
    { name: "ix_child_kind_name", columns: ["kind_id", "name"], unique: false, where: null },
    { name: "ix_child_lower_name", columns: [{ expression: "lower(name)" }], unique: true, where: "deleted_at IS NULL" },
    { name: "ix_child_qty", columns: ["qty", { expression: "abs(qty - 1)" }], unique: false, where: "(qty > 0 AND status IN ('a', 'b'))" },
  ],
  checks: [
    { name: "ck_child_qty", expression: "qty >= 0" },
    { name: "ck_child_status", expression: "status IN ('a', 'b')" },
    { name: "ck_child_name", expression: "(length(name) > 0 AND qty < 1000) OR qty BETWEEN -1 AND 5" },
  ],
});

const unnamedFk = table("audit log", {
  columns: [
    col("child_id", { kind: "bigint" }),
    col("note", { kind: "text" }, { default: "'-'" }),
  ],
  foreignKeys: [
    { name: null, columns: ["child_id"], referredSchema: null, referredTable: "child", referredColumns: ["id"], onDelete: "SET NULL", onUpdate: null },
  ],
  uniques: [{ name: null, columns: ["child_id", "note"] }],
});

const otherSchema = table("things", {
  schema: "extra",
  comment: "lives in another schema",
  primaryKey: { name: "things_pkey", columns: ["id"] },
  columns: [
    col("id", { kind: "integer" }, { nullable: false, autoincrement: true }),
    col("kind_id", { kind: "integer" }),
    col("status", extraStatus, { nullable: false, default: "'on'" }),
    col("feeling", mood),
  ],
  foreignKeys: [
    { name: "fk_things_kind", columns: ["kind_id"], referredSchema: null, referredTable: "kinds", referredColumns: ["id"], onDelete: null, onUpdate: null },
  ],
  indexes: [{ name: "ix_things_status", columns: ["status"], unique: false, where: null }],
});

const reservedName = table("user", {
  primaryKey: { name: "user_pkey", columns: ["select"] },
  columns: [
    col("select", { kind: "integer" }, { nullable: false }),
    col("extra_id", { kind: "integer" }),
  ],
  foreignKeys: [
    { name: "user_extra_fk", columns: ["extra_id"], referredSchema: "extra", referredTable: "things", referredColumns: ["id"], onDelete: "NO ACTION", onUpdate: "RESTRICT" },
  ],
});

const ALL: readonly TableSnapshot[] = [kinds, parent, child, unnamedFk, otherSchema, reservedName];

describe.skipIf(!available)("postgres round trip", () => {
  let scratch: Scratch;
  let conn: Connection;
  let snapshot: SchemaSnapshot;

  beforeAll(async () => {
    scratch = await scratchDatabase("postgresql");
    const d = scratch.dialect;
    conn = await d.connect(scratch.url);
    await apply(d, conn, { kind: "execute", sql: "CREATE SCHEMA extra" });
    await apply(d, conn, { kind: "createEnum", enum: { schema: null, name: "mood", values: mood.values } });
    await apply(d, conn, { kind: "createEnum", enum: { schema: "extra", name: "status", values: extraStatus.values } });
    for (const t of ALL) await apply(d, conn, { kind: "createTable", table: t });
    snapshot = await d.introspect(conn, { schemas: [null, "extra"] });
  });

  afterAll(async () => {
    await conn?.close();
    await scratch?.drop();
  });

  it("reflects exactly the tables created, sorted by name", () => {
    expect(snapshot.tables.map((t) => `${t.schema ?? ""}.${t.name}`)).toEqual(
      [".audit log", ".child", ".kinds", ".parent", "extra.things", ".user"],
    );
  });

  it("reflects the enums with their values in order", () => {
    expect(snapshot.enums).toEqual([
      { schema: null, name: "mood", values: ["sad", "ok", "happy"] },
      { schema: "extra", name: "status", values: ["on", "off"] },
    ]);
  });

  for (const t of ALL) {
    it(`table ${t.schema ?? "public"}.${t.name} comes back as written`, () => {
      const got = snapshot.tables.find((x) => x.name === t.name && x.schema === t.schema);
      expect(got, t.name).toBeDefined();
      expect(tableDifferences(scratch.dialect, t, got!)).toEqual([]);
    });
  }

  it("maps server types to named kinds and keeps the server's spelling for raw ones", () => {
    const got = snapshot.tables.find((x) => x.name === "kinds")!;
    const typeOf = (n: string): unknown => got.columns.find((c) => c.name === n)?.type;
    expect(typeOf("vc")).toEqual({ kind: "varchar", length: 255 });
    expect(typeOf("money")).toEqual({ kind: "numeric", precision: 10, scale: 2 });
    expect(typeOf("num_any")).toEqual({ kind: "numeric", precision: null, scale: null });
    expect(typeOf("dbl")).toEqual({ kind: "double" });
    expect(typeOf("updated")).toEqual({ kind: "timestamp", withTimezone: true });
    expect(typeOf("bin")).toEqual({ kind: "blob" });
    expect(typeOf("feeling")).toEqual(mood);
    expect(typeOf("ints")).toEqual({ kind: "raw", sql: "integer[]" });
    expect(typeOf("tz_time")).toEqual({ kind: "raw", sql: "time with time zone" });
    const things = snapshot.tables.find((x) => x.name === "things")!;
    expect(things.columns.find((c) => c.name === "status")?.type).toEqual(extraStatus);
  });

  it("reports autoincrement keys without their generated default", () => {
    const got = snapshot.tables.find((x) => x.name === "kinds")!;
    expect(got.columns[0]).toMatchObject({ name: "id", autoincrement: true, default: null });
  });

  it("recreates every table identically from its own reflection", async () => {
    const d = scratch.dialect;
    const copy = await scratchDatabase("postgresql");
    const c2 = await d.connect(copy.url);
    try {
      await c2.execute("CREATE SCHEMA extra");
      for (const e of snapshot.enums) await apply(d, c2, { kind: "createEnum", enum: e });
      const order = ["kinds", "parent", "child", "audit log", "things", "user"];
      for (const name of order) await apply(d, c2, { kind: "createTable", table: snapshot.tables.find((t) => t.name === name)! });
      const again = await d.introspect(c2, { schemas: [null, "extra"] });
      expect(again.enums).toEqual(snapshot.enums);
      expect(again.tables.map((t) => t.name)).toEqual(snapshot.tables.map((t) => t.name));
      // Names included: what the server named the first time is now written out.
      for (const t of snapshot.tables) {
        expect(tableDifferences(d, t, again.tables.find((x) => x.name === t.name)!)).toEqual([]);
      }
    } finally {
      await c2.close();
      await copy.drop();
    }
  });
});
