/** Tables covering every column kind and constraint form, as a model would describe them. */
import type { TableSnapshot } from "../../../src/snapshot/types.js";
import { col, table } from "./helpers.js";

const status = { kind: "enum", name: "status", values: ["active", "archived", "on hold"] } as const;

export const kinds = table("kinds", [
  col("id", { kind: "integer" }, { nullable: false, autoincrement: true }),
  col("big", { kind: "bigint" }, { default: "-1" }),
  col("small", { kind: "smallint" }, { nullable: false, default: "0" }),
  col("name", { kind: "varchar", length: 255 }, { nullable: false, default: "'abc'" }),
  col("free", { kind: "varchar", length: null }),
  col("code", { kind: "char", length: 3 }, { default: "'it''s'" }),
  col("body", { kind: "text" }, { default: "lower('X')" }),
  col("flag", { kind: "boolean" }, { nullable: false, default: "true" }),
  col("off", { kind: "boolean" }, { default: "false" }),
  col("ratio", { kind: "real" }, { default: "1.5" }),
  col("precise", { kind: "double" }),
  col("price", { kind: "numeric", precision: 10, scale: 2 }, { nullable: false, default: "0.00" }),
  col("whole", { kind: "numeric", precision: null, scale: null }),
  col("born", { kind: "date" }, { default: "CURRENT_DATE" }),
  col("at", { kind: "time" }),
  col("created_at", { kind: "timestamp", withTimezone: false }, { nullable: false, default: "CURRENT_TIMESTAMP" }),
  col("updated_at", { kind: "timestamp", withTimezone: true }, { default: "now()" }),
  col("doc", { kind: "json" }, { default: "'{}'" }),
  col("docb", { kind: "jsonb" }),
  col("uid", { kind: "uuid" }),
  col("bytes", { kind: "blob" }, { default: "X'00ff'" }),
  col("status", status, { nullable: false, default: "'active'" }),
  col("medium", { kind: "raw", sql: "MEDIUMINT" }),
  col("commented", { kind: "text" }, { comment: "SQLite drops comments" }),
], { primaryKey: { name: null, columns: ["id"] }, comment: "ignored by SQLite" });

export const parent = table("parent", [
  col("a", { kind: "integer" }, { nullable: false }),
  col("b", { kind: "varchar", length: 20 }, { nullable: false }),
  col("email", { kind: "varchar", length: 100 }),
  col("qty", { kind: "integer" }, { nullable: false, default: "0" }),
], {
  primaryKey: { name: "pk_parent", columns: ["a", "b"] },
  uniques: [{ name: "uq_parent_email", columns: ["email"] }, { name: null, columns: ["b", "qty"] }],
  checks: [{ name: "ck_parent_qty", expression: "qty >= 0" }, { name: null, expression: "length(b) > 0" }],
});

export const child = table("child", [
  col("id", { kind: "integer" }, { nullable: false, autoincrement: true }),
  col("pa", { kind: "integer" }),
  col("pb", { kind: "varchar", length: 20 }),
  col("kind_id", { kind: "integer" }, { nullable: false }),
  col("self_id", { kind: "integer" }),
], {
  primaryKey: { name: null, columns: ["id"] },
  foreignKeys: [
    { name: "fk_child_parent", columns: ["pa", "pb"], referredSchema: null, referredTable: "parent", referredColumns: ["a", "b"], onDelete: "CASCADE", onUpdate: "SET NULL" },
    { name: null, columns: ["kind_id"], referredSchema: null, referredTable: "kinds", referredColumns: ["id"], onDelete: "RESTRICT", onUpdate: null },
    { name: "fk_child_self", columns: ["self_id"], referredSchema: null, referredTable: "child", referredColumns: ["id"], onDelete: "SET DEFAULT", onUpdate: "NO ACTION" },
  ],
});

export const indexed = table("indexed", [
  col("id", { kind: "bigint" }, { nullable: false, autoincrement: true }),
  col("name", { kind: "varchar", length: 50 }, { nullable: false }),
  col("tenant", { kind: "integer" }, { nullable: false }),
  col("deleted_at", { kind: "timestamp", withTimezone: false }),
], {
  primaryKey: { name: null, columns: ["id"] },
  indexes: [
    { name: "ix_indexed_tenant_name", columns: ["tenant", "name"], unique: false, where: null },
    { name: "ux_indexed_name", columns: ["name"], unique: true, where: null },
    { name: "ix_indexed_lower_name", columns: [{ expression: "lower(name)" }], unique: false, where: null },
    { name: "ix_indexed_live", columns: ["tenant", { expression: "lower(\"name\")" }], unique: true, where: "deleted_at IS NULL" },
  ],
});

/** Names that need quoting: a quote, spaces, unicode, reserved words. */
export const quirky = table('we"ird table', [
  col("select", { kind: "varchar", length: 10 }, { nullable: false }),
  col("naïve col", { kind: "text" }, { default: "'o''clock'" }),
  col("order", { kind: "integer" }),
  col("group", { kind: "integer" }),
], {
  primaryKey: { name: null, columns: ["select"] },
  uniques: [{ name: 'uq "x" ü', columns: ["naïve col", "order"] }],
  checks: [{ name: "check", expression: '"order" > 0' }],
  indexes: [{ name: "index", columns: ["group", "select"], unique: false, where: '"group" IS NOT NULL' }],
});

export const keys = table("keys", [
  col("code", { kind: "varchar", length: 8 }, { nullable: false }),
  col("plain_int", { kind: "integer" }, { nullable: false }),
], { primaryKey: { name: null, columns: ["code"] }, uniques: [{ name: null, columns: ["plain_int"] }] });

/** An INTEGER primary key that the model says is not generated. */
export const manualKey = table("manual_key", [
  col("n", { kind: "integer" }, { nullable: false }),
  col("label", { kind: "text" }),
], { primaryKey: { name: null, columns: ["n"] } });

export const allTables: readonly TableSnapshot[] = [kinds, parent, child, indexed, quirky, keys, manualKey];
