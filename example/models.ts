/**
 * The bundled example app: users own projects, projects hold tasks; posts carry tags
 * through an association table with a composite primary key.
 */
import {
  MetaData, table, integer, varchar, text, boolean, numeric, timestamp, date, enumType, sql,
  index, unique, check, primaryKey, type InferRow,
} from "athanor";

export const metadata = new MetaData({
  namingConvention: {
    ix: "ix_%(table)s_%(columns)s",
    uq: "uq_%(table)s_%(columns)s",
    fk: "fk_%(table)s_%(columns)s_%(referred_table)s",
    ck: "ck_%(table)s_%(constraint_name)s",
  },
});

export const users = table(metadata, "users", {
  id: integer().primaryKey(),
  email: varchar(255).notNull().unique(),
  displayName: varchar("display_name", 100),
  bio: text(),
  isActive: boolean("is_active").notNull().serverDefault(sql`true`),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().serverDefault(sql`CURRENT_TIMESTAMP`),
}, { comment: "people using the app" });

export const projects = table(metadata, "projects", {
  id: integer().primaryKey(),
  name: varchar(100).notNull(),
  status: enumType("project_status", ["active", "archived"]).notNull().serverDefault("active"),
  budget: numeric(10, 2),
  userId: integer("user_id").notNull().references("users.id", { onDelete: "CASCADE" }),
}, {
  indexes: [index("ix_projects_user_status", ["user_id", "status"])],
  uniques: [unique("uq_projects_user_name", ["user_id", "name"])],
  checks: [check("name_len", sql`length(name) > 0`)],
});

export const tasks = table(metadata, "tasks", {
  id: integer().primaryKey(),
  projectId: integer("project_id").notNull().references("projects.id", { onDelete: "CASCADE" }).index(),
  title: varchar(200).notNull(),
  done: boolean().notNull().serverDefault(false),
  priority: integer().notNull().serverDefault(0),
  dueOn: date("due_on"),
});

export const posts = table(metadata, "posts", {
  id: integer().primaryKey(),
  authorId: integer("author_id").notNull().references("users.id"),
  title: varchar(200).notNull(),
  body: text().notNull(),
  publishedAt: timestamp("published_at"),
});

export const tags = table(metadata, "tags", {
  id: integer().primaryKey(),
  name: varchar(50).notNull().unique(),
});

export const postTags = table(metadata, "post_tags", {
  postId: integer("post_id").notNull().references("posts.id", { onDelete: "CASCADE" }),
  tagId: integer("tag_id").notNull().references("tags.id", { onDelete: "CASCADE" }),
}, { primaryKey: primaryKey(["post_id", "tag_id"]) });

export type User = InferRow<typeof users>;
