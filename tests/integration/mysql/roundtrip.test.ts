/**
 * Round trip: tables written as snapshots are created, reflected back, and must compare equal;
 * reflecting a second time after re-creating from the reflection must give the same snapshot.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TableSnapshot } from "../../../src/snapshot/types.js";
import { serverAvailable } from "../../support/databases.js";
import { tableDifferences } from "./compare-tables.js";
import { col, INT, openDb, table, varchar } from "./helpers.js";
import type { Db } from "./helpers.js";

const available = await serverAvailable("mysql");

const users = table("users", [
  col("id", INT, { nullable: false, autoincrement: true }),
  col("email", varchar(255), { nullable: false, comment: "login, unique" }),
  col("nickname", varchar(null)),
  col("code", { kind: "char", length: 8 }, { default: "'ABCDEFGH'" }),
  col("bio", { kind: "text" }, { default: "'it''s me'" }),
  col("is_active", { kind: "boolean" }, { nullable: false, default: "true" }),
  col("score", { kind: "real" }, { default: "1.5" }),
  col("ratio", { kind: "double" }, { default: "0" }),
  col("balance", { kind: "numeric", precision: 10, scale: 2 }, { nullable: false, default: "0" }),
  col("plain_dec", { kind: "numeric", precision: null, scale: null }),
  col("born", { kind: "date" }, { default: "'2000-01-01'" }),
  col("wakes", { kind: "time" }, { default: "'07:30:00'" }),
  col("created_at", { kind: "timestamp", withTimezone: false }, { nullable: false, default: "CURRENT_TIMESTAMP" }),
  col("updated_at", { kind: "timestamp", withTimezone: true }, { default: "now()" }),
  col("touched_at", { kind: "timestamp", withTimezone: false }, { default: "CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP" }),
  col("prefs", { kind: "json" }, { default: "'{}'" }),
  col("extra", { kind: "jsonb" }),
  col("token", { kind: "uuid" }, { default: "(uuid())" }),
  col("avatar", { kind: "blob" }),
  col("mood", { kind: "enum", name: "mood", values: ["happy", "it's", "back\\slash"] }, { nullable: false, default: "'happy'" }),
  col("visits", { kind: "bigint" }, { nullable: false, default: "'0'" }),
  col("rank", { kind: "smallint" }, { default: "-1" }),
  col("big_count", { kind: "raw", sql: "int(10) unsigned" }, { default: "7" }),
  col("slug", varchar(40), { default: "lower('X')" }),
  col("path", varchar(40), { default: "'C:\\dir'" }),
  col("label", varchar(20), { default: "NULL" }),
], {
  primaryKey: { name: null, columns: ["id"] },
  uniques: [{ name: "uq_users_email", columns: ["email"] }],
  indexes: [
    { name: "ix_users_nick_code", columns: ["nickname", "code"], unique: false, where: null },
    { name: "ux_users_token", columns: ["token"], unique: true, where: null },
    { name: "ix_users_bio_prefix", columns: [{ expression: "`bio`(20)" }], unique: false, where: null },
  ],
  checks: [
    { name: "ck_users_score", expression: "score >= 0 AND (ratio < 100 OR ratio IS NULL)" },
    { name: "ck_users_email_len", expression: "length(email) > 3" },
  ],
  comment: "people using the app",
});

const orgs = table("orgs", [
  col("region", { kind: "char", length: 2 }, { nullable: false }),
  col("num", INT, { nullable: false }),
  col("name", varchar(100), { nullable: false }),
], { primaryKey: { name: "pk_ignored", columns: ["region", "num"] } });

const memberships = table("memberships", [
  col("user_id", INT, { nullable: false }),
  col("org_region", { kind: "char", length: 2 }, { nullable: false }),
  col("org_num", INT, { nullable: false }),
  col("role", varchar(20), { nullable: false, default: "'member'", comment: "what they do" }),
  col("inviter_id", INT),
], {
  primaryKey: { name: null, columns: ["user_id", "org_region", "org_num"] },
  foreignKeys: [
    { name: "fk_m_user", columns: ["user_id"], referredSchema: null, referredTable: "users", referredColumns: ["id"], onDelete: "CASCADE", onUpdate: null },
    { name: "fk_m_org", columns: ["org_region", "org_num"], referredSchema: null, referredTable: "orgs", referredColumns: ["region", "num"], onDelete: null, onUpdate: "CASCADE" },
    { name: "fk_m_inviter", columns: ["inviter_id"], referredSchema: null, referredTable: "users", referredColumns: ["id"], onDelete: "SET NULL", onUpdate: "RESTRICT" },
  ],
  indexes: [{ name: "ix_m_role_org", columns: ["role", "org_region", "org_num"], unique: false, where: null }],
  checks: [{ name: "ck_m_role", expression: "role IN ('member', 'admin')" }],
});

// Identifiers that need quoting: spaces, quotes, backticks, unicode, reserved words.
const odd = table("select", [
  col("order", INT, { nullable: false }),
  col("we`ird \"name'", varchar(10), { default: "'x'" }),
  col("naïve ünïcode", INT, { default: "0" }),
], {
  primaryKey: { name: null, columns: ["order"] },
  uniques: [{ name: "unique", columns: ["we`ird \"name'"] }],
  checks: [{ name: "check", expression: "`order` > 0" }],
});

const TABLES: TableSnapshot[] = [users, orgs, memberships, odd];

describe.skipIf(!available)("mysql round trip", () => {
  let db: Db;
  beforeAll(async () => { db = await openDb(); });
  afterAll(async () => { await db?.close(); });

  it("reflects every created table as written", async () => {
    for (const t of TABLES) await db.run({ kind: "createTable", table: t });
    const snap = await db.reflect();
    expect(snap.tables.map((t) => t.name)).toEqual(["memberships", "orgs", "select", "users"]);
    expect(snap.enums).toEqual([]);
    for (const t of TABLES) {
      const reflected = snap.tables.find((x) => x.name === t.name)!;
      expect(tableDifferences(db.dialect, t, reflected), t.name).toEqual([]);
    }
  });

  it("maps server types to named kinds and keeps MySQL's facts", async () => {
    const u = await db.table("users");
    const kind = (name: string) => u.columns.find((c) => c.name === name)!.type;
    expect(kind("id")).toEqual({ kind: "integer" });
    expect(kind("is_active")).toEqual({ kind: "boolean" });
    expect(kind("balance")).toEqual({ kind: "numeric", precision: 10, scale: 2 });
    expect(kind("created_at")).toEqual({ kind: "timestamp", withTimezone: false });
    expect(kind("updated_at")).toEqual({ kind: "timestamp", withTimezone: true });
    expect(kind("prefs")).toEqual({ kind: "json" });
    expect(kind("token")).toEqual({ kind: "char", length: 36 });
    expect(kind("mood")).toEqual({ kind: "enum", name: "", values: ["happy", "it's", "back\\slash"] });
    expect(kind("big_count")).toEqual({ kind: "raw", sql: "int(10) unsigned" });
    expect(u.columns.find((c) => c.name === "id")).toMatchObject({ autoincrement: true, default: null });
    expect(u.columns.find((c) => c.name === "path")!.default).toBe("'C:\\dir'");
    expect(u.columns.find((c) => c.name === "label")!.default).toBeNull();
    // Kept in the default text so that restating the column keeps it.
    expect(u.columns.find((c) => c.name === "touched_at")!.default).toMatch(/^current_timestamp\(\) ON UPDATE current_timestamp\(\)$/i);
    expect(u.primaryKey).toEqual({ name: null, columns: ["id"] });
    // The JSON columns' automatic json_valid checks are not the user's.
    expect(u.checks.map((c) => c.name)).toEqual(["ck_users_email_len", "ck_users_score"]);
    const m = await db.table("memberships");
    expect(m.foreignKeys.find((f) => f.name === "fk_m_inviter")).toMatchObject({ onDelete: "SET NULL", onUpdate: null });
    // The indexes InnoDB adds for fk_m_inviter (and would for fk_m_user if the PK did not cover it) are hidden.
    expect(m.indexes.map((i) => i.name)).toEqual(["ix_m_role_org"]);
    const o = await db.table("orgs");
    expect(o.primaryKey).toEqual({ name: null, columns: ["region", "num"] });
  });

  it("re-creates a reflected table identically (the downgrade of a drop)", async () => {
    const before = await db.reflect();
    for (const name of ["memberships", "users"]) {
      const t = before.tables.find((x) => x.name === name)!;
      await db.conn.execute("SET FOREIGN_KEY_CHECKS = 0");
      await db.run({ kind: "dropTable", table: t });
      await db.run({ kind: "createTable", table: t });
      await db.conn.execute("SET FOREIGN_KEY_CHECKS = 1");
    }
    const after = await db.reflect();
    expect(after).toEqual(before);
  });
});
