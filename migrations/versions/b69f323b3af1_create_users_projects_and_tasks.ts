/**
 * create users, projects and tasks
 *
 * Revision ID: b69f323b3af1
 * Revises:
 * Create Date: 2026-11-22T06:37:29Z
 */
import type { Operations } from "athanor";

export const revision = "b69f323b3af1";
export const downRevision: string | string[] | null = null;
export const branchLabels: string[] | null = null;
export const dependsOn: string[] | null = null;

export async function upgrade(op: Operations): Promise<void> {
  await op.createEnum("project_status", ["active", "archived"]);
  await op.createTable("users", {
    id: { type: "integer", nullable: false, autoincrement: true },
    email: { type: "varchar(255)", nullable: false },
    display_name: { type: "varchar(100)" },
    bio: { type: "text" },
    is_active: { type: "boolean", nullable: false, serverDefault: "true" },
    created_at: { type: "timestamptz", nullable: false, serverDefault: "CURRENT_TIMESTAMP" },
  }, {
    primaryKey: ["id"],
    uniques: [
      { name: "uq_users_email", columns: ["email"] },
    ],
    comment: "people using the app",
  });
  await op.createTable("projects", {
    id: { type: "integer", nullable: false, autoincrement: true },
    name: { type: "varchar(100)", nullable: false },
    status: { type: { enum: "project_status", values: ["active", "archived"] }, nullable: false, serverDefault: "'active'" },
    budget: { type: "numeric(10,2)" },
    user_id: { type: "integer", nullable: false },
  }, {
    primaryKey: ["id"],
    foreignKeys: [
      { name: "fk_projects_user_id_users", columns: ["user_id"], referredTable: "users", referredColumns: ["id"], onDelete: "CASCADE" },
    ],
    uniques: [
      { name: "uq_projects_user_name", columns: ["user_id", "name"] },
    ],
    indexes: [
      { name: "ix_projects_user_status", columns: ["user_id", "status"] },
    ],
    checks: [
      { name: "ck_projects_name_len", expression: "length(name) > 0" },
    ],
  });
  await op.createTable("tasks", {
    id: { type: "integer", nullable: false, autoincrement: true },
    project_id: { type: "integer", nullable: false },
    title: { type: "varchar(200)", nullable: false },
    done: { type: "boolean", nullable: false, serverDefault: "false" },
    priority: { type: "integer", nullable: false, serverDefault: "0" },
    due_on: { type: "date" },
  }, {
    primaryKey: ["id"],
    foreignKeys: [
      { name: "fk_tasks_project_id_projects", columns: ["project_id"], referredTable: "projects", referredColumns: ["id"], onDelete: "CASCADE" },
    ],
    indexes: [
      { name: "ix_tasks_project_id", columns: ["project_id"] },
    ],
  });
}

export async function downgrade(op: Operations): Promise<void> {
  await op.dropTable("tasks");
  await op.dropTable("projects");
  await op.dropTable("users");
  await op.dropEnum("project_status", { values: ["active", "archived"] });
}
