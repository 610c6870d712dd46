import { describe, expect, it } from "vitest";
import {
  MetaData, table, integer, varchar, boolean, timestamp, enumType, sql, index, unique, check, compileMetadata,
} from "../../../src/schema/index.js";
import type { SchemaSnapshot } from "../../../src/snapshot/types.js";

/** The models exactly as DESIGN.md shows them. */
function designModels() {
  const metadata = new MetaData({ namingConvention: { ix: "ix_%(table)s_%(columns)s" } });

  const users = table(metadata, "users", {
    id: integer().primaryKey(),
    email: varchar(255).notNull().unique(),
    bio: varchar(500),
    isActive: boolean("is_active").notNull().serverDefault(sql`true`),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull()
      .serverDefault(sql`CURRENT_TIMESTAMP`),
  }, { comment: "people using the app" });

  const projects = table(metadata, "projects", {
    id: integer().primaryKey(),
    name: varchar(100).notNull(),
    status: enumType("project_status", ["active", "archived"]).notNull(),
    userId: integer("user_id").notNull().references("users.id", { onDelete: "CASCADE" }),
  }, {
    indexes: [index("ix_projects_user_status", ["user_id", "status"])],
    uniques: [unique("uq_projects_user_name", ["user_id", "name"])],
    checks: [check("ck_projects_name_len", sql`length(name) > 0`)],
  });
  return { metadata, users, projects };
}

const expected: SchemaSnapshot = {
  tables: [
    {
      schema: null,
      name: "projects",
      columns: [
        { name: "id", type: { kind: "integer" }, nullable: false, default: null, autoincrement: true, comment: null },
        { name: "name", type: { kind: "varchar", length: 100 }, nullable: false, default: null, autoincrement: false, comment: null },
        {
          name: "status", type: { kind: "enum", name: "project_status", values: ["active", "archived"] },
          nullable: false, default: null, autoincrement: false, comment: null,
        },
        { name: "user_id", type: { kind: "integer" }, nullable: false, default: null, autoincrement: false, comment: null },
      ],
      primaryKey: { name: null, columns: ["id"] },
      foreignKeys: [{
        name: null, columns: ["user_id"], referredSchema: null, referredTable: "users", referredColumns: ["id"],
        onDelete: "CASCADE", onUpdate: null,
      }],
      uniques: [{ name: "uq_projects_user_name", columns: ["user_id", "name"] }],
      indexes: [{ name: "ix_projects_user_status", columns: ["user_id", "status"], unique: false, where: null }],
      checks: [{ name: "ck_projects_name_len", expression: "length(name) > 0" }],
      comment: null,
    },
    {
      schema: null,
      name: "users",
      columns: [
        { name: "id", type: { kind: "integer" }, nullable: false, default: null, autoincrement: true, comment: null },
        { name: "email", type: { kind: "varchar", length: 255 }, nullable: false, default: null, autoincrement: false, comment: null },
        { name: "bio", type: { kind: "varchar", length: 500 }, nullable: true, default: null, autoincrement: false, comment: null },
        { name: "is_active", type: { kind: "boolean" }, nullable: false, default: "true", autoincrement: false, comment: null },
        {
          name: "created_at", type: { kind: "timestamp", withTimezone: true }, nullable: false,
          default: "CURRENT_TIMESTAMP", autoincrement: false, comment: null,
        },
      ],
      primaryKey: { name: null, columns: ["id"] },
      foreignKeys: [],
      uniques: [{ name: null, columns: ["email"] }],
      indexes: [],
      checks: [],
      comment: "people using the app",
    },
  ],
  enums: [{ schema: null, name: "project_status", values: ["active", "archived"] }],
};

describe("the DESIGN.md models", () => {
  it("compile to the expected snapshot", () => {
    expect(compileMetadata(designModels().metadata)).toEqual(expected);
  });

  it("compile the same way with defaultSchema set, since no table names a schema", () => {
    expect(compileMetadata(designModels().metadata, { defaultSchema: "public" })).toEqual(expected);
  });

  it("expose columns by property key with their SQL names", () => {
    const { users, projects } = designModels();
    expect(users.email.name).toBe("email");
    expect(users.isActive.name).toBe("is_active");
    expect(users.createdAt).toMatchObject({ key: "createdAt", name: "created_at", table: "users", schema: null });
    expect(projects.userId.type).toEqual({ kind: "integer" });
  });

  it("keep tables in declaration order in the metadata", () => {
    const { metadata, users, projects } = designModels();
    expect(metadata.tables).toEqual([users, projects]);
  });

  it("compile to equal snapshots every time (a pure function of the models)", () => {
    const { metadata } = designModels();
    expect(compileMetadata(metadata)).toEqual(compileMetadata(metadata));
  });
});
