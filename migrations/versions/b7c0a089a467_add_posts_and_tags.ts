/**
 * add posts and tags
 *
 * Revision ID: b7c0a089a467
 * Revises: b69f323b3af1
 * Create Date: 2026-11-22T06:37:31Z
 */
import type { Operations } from "athanor";

export const revision = "b7c0a089a467";
export const downRevision: string | string[] | null = "b69f323b3af1";
export const branchLabels: string[] | null = null;
export const dependsOn: string[] | null = null;

export async function upgrade(op: Operations): Promise<void> {
  await op.createTable("posts", {
    id: { type: "integer", nullable: false, autoincrement: true },
    author_id: { type: "integer", nullable: false },
    title: { type: "varchar(200)", nullable: false },
    body: { type: "text", nullable: false },
    published_at: { type: "timestamp" },
  }, {
    primaryKey: ["id"],
    foreignKeys: [
      { name: "fk_posts_author_id_users", columns: ["author_id"], referredTable: "users", referredColumns: ["id"] },
    ],
  });
  await op.createTable("tags", {
    id: { type: "integer", nullable: false, autoincrement: true },
    name: { type: "varchar(50)", nullable: false },
  }, {
    primaryKey: ["id"],
    uniques: [
      { name: "uq_tags_name", columns: ["name"] },
    ],
  });
  await op.createTable("post_tags", {
    post_id: { type: "integer", nullable: false },
    tag_id: { type: "integer", nullable: false },
  }, {
    primaryKey: ["post_id", "tag_id"],
    foreignKeys: [
      { name: "fk_post_tags_post_id_posts", columns: ["post_id"], referredTable: "posts", referredColumns: ["id"], onDelete: "CASCADE" },
      { name: "fk_post_tags_tag_id_tags", columns: ["tag_id"], referredTable: "tags", referredColumns: ["id"], onDelete: "CASCADE" },
    ],
  });
}

export async function downgrade(op: Operations): Promise<void> {
  await op.dropTable("post_tags");
  await op.dropTable("tags");
  await op.dropTable("posts");
}
