/**
 * The end-to-end slice, through the built CLI in a temp project, on each database:
 * init, autogenerate, upgrade, a model change, autogenerate, upgrade, downgrade -1,
 * downgrade base — asserting the database's real schema at every step.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { SchemaSnapshot, TableSnapshot } from "../../src/snapshot/types.js";
import { ALL_DIALECTS, scratchDatabase, serverAvailable, type Scratch } from "../support/databases.js";
import { configFile, tempProject, type TempProject } from "../support/project.js";

const MODELS_V1 = `import { MetaData, table, integer, varchar, boolean, numeric, timestamp, enumType, sql, index } from "athanor";

export const metadata = new MetaData();

export const users = table(metadata, "users", {
  id: integer().primaryKey(),
  email: varchar(255).notNull().unique(),
  isActive: boolean("is_active").notNull().serverDefault(sql\`true\`),
  createdAt: timestamp("created_at").notNull().serverDefault(sql\`CURRENT_TIMESTAMP\`),
});

export const projects = table(metadata, "projects", {
  id: integer().primaryKey(),
  name: varchar(100).notNull(),
  status: enumType("project_status", ["active", "archived"]).notNull(),
  budget: numeric(10, 2),
  userId: integer("user_id").notNull().references("users.id", { onDelete: "CASCADE" }),
}, { indexes: [index("ix_projects_user_status", ["user_id", "status"])] });
`;

// v2: users gains a column, projects loses budget, a new tags table references users.
const MODELS_V2 = MODELS_V1
  .replace(`  createdAt:`, `  nickname: varchar(40),\n  createdAt:`)
  .replace(`  budget: numeric(10, 2),\n`, "")
  + `
export const tags = table(metadata, "tags", {
  id: integer().primaryKey(),
  label: varchar(50).notNull(),
  ownerId: integer("owner_id").references("users.id"),
}, { indexes: [index("ix_tags_label", ["label"], { unique: true })] });
`;

const names = (s: SchemaSnapshot) => s.tables.map((t) => t.name).sort();
const table = (s: SchemaSnapshot, n: string): TableSnapshot => {
  const t = s.tables.find((x) => x.name === n);
  if (!t) throw new Error(`table ${n} not found; tables: ${names(s).join(", ")}`);
  return t;
};
const cols = (t: TableSnapshot) => t.columns.map((c) => c.name);

for (const dialectName of ALL_DIALECTS) {
  describe(`end to end on ${dialectName}`, () => {
    let db: Scratch | null = null;
    let project: TempProject;

    beforeAll(async () => {
      if (!(await serverAvailable(dialectName))) return;
      db = await scratchDatabase(dialectName, "athanor_e2e");
      project = tempProject();
    });
    afterAll(async () => {
      project?.remove();
      await db?.drop();
    });

    const reflect = async (): Promise<{ schema: SchemaSnapshot; versions: string[] }> => {
      const conn = await db!.dialect.connect(db!.url);
      try {
        const schema = await db!.dialect.introspect(conn, { excludeTable: (_s, n) => n === "athanor_version" || n === "athanor_history" });
        const rows = await conn.query<{ version_num: string }>(`SELECT version_num FROM ${db!.dialect.quoteIdentifier("athanor_version")}`).catch(() => []);
        return { schema, versions: rows.map((r) => r.version_num) };
      } finally {
        await conn.close();
      }
    };

    it("init, autogenerate, upgrade, change, downgrade -1, downgrade base", async (ctx) => {
      if (!db) return ctx.skip();
      const init = await project.run(["init", "migrations"]);
      expect(init.code, init.stderr).toBe(0);
      expect(existsSync(join(project.dir, "migrations", "script.ts.tmpl"))).toBe(true);
      expect(existsSync(join(project.dir, "migrations", "versions"))).toBe(true);
      expect(project.read("athanor.config.ts")).toContain("defineConfig");

      const again = await project.run(["init", "migrations"]);
      expect(again.code).toBe(2);
      expect(again.stderr).toContain("not empty");

      project.write("athanor.config.ts", configFile(db.urlString));
      project.write("models.ts", MODELS_V1);

      const gen1 = await project.run(["revision", "--autogenerate", "-m", "create users and projects"]);
      expect(gen1.code, gen1.stderr).toBe(0);
      expect(project.versions()).toHaveLength(1);
      const file1 = project.read(join("migrations", "versions", project.versions()[0]!));
      expect(file1).toContain(`op.createTable("users"`);
      expect(file1.indexOf(`op.createTable("users"`)).toBeLessThan(file1.indexOf(`op.createTable("projects"`));
      expect(file1.indexOf(`op.dropTable("projects"`)).toBeLessThan(file1.indexOf(`op.dropTable("users"`));
      const rev1 = /export const revision = "(\w+)"/.exec(file1)![1]!;

      // Nothing is applied yet.
      expect((await reflect()).schema.tables).toHaveLength(0);

      const up1 = await project.run(["upgrade", "head"]);
      expect(up1.code, up1.stderr).toBe(0);
      expect(up1.stderr).toContain("create users and projects");
      let state = await reflect();
      expect(names(state.schema)).toEqual(["projects", "users"]);
      expect(state.versions).toEqual([rev1]);
      expect(cols(table(state.schema, "users"))).toEqual(["id", "email", "is_active", "created_at"]);
      const projects = table(state.schema, "projects");
      expect(projects.foreignKeys).toHaveLength(1);
      expect(projects.foreignKeys[0]).toMatchObject({ columns: ["user_id"], referredTable: "users", referredColumns: ["id"], onDelete: "CASCADE" });
      expect(projects.indexes.map((i) => i.name)).toContain("ix_projects_user_status");
      expect(table(state.schema, "users").uniques.map((u) => u.columns)).toEqual([["email"]]);

      const noop = await project.run(["revision", "--autogenerate", "-m", "nothing"]);
      expect(noop.code, noop.stderr).toBe(0);
      expect(noop.stdout).toContain("No changes");
      expect(project.versions()).toHaveLength(1);

      const check1 = await project.run(["check"]);
      expect(check1.code, check1.stdout + check1.stderr).toBe(0);

      project.write("models.ts", MODELS_V2);
      const check2 = await project.run(["check"]);
      expect(check2.code).toBe(1);
      expect(check2.stdout).toContain("tags");

      const gen2 = await project.run(["revision", "--autogenerate", "-m", "add tags"]);
      expect(gen2.code, gen2.stderr).toBe(0);
      expect(project.versions()).toHaveLength(2);
      const file2 = project.read(join("migrations", "versions", project.versions().find((f) => f.includes("add_tags"))!));
      const rev2 = /export const revision = "(\w+)"/.exec(file2)![1]!;
      expect(file2).toContain(`export const downRevision: string | string[] | null = "${rev1}"`);
      // SQLite renders table alterations inside batch blocks (renderAsBatch defaults on there).
      expect(file2).toMatch(/op\.addColumn\("users", "nickname"|op\.batchAlterTable\("users", async \(batch\) => \{\n\s+await batch\.addColumn\("nickname"/);
      expect(file2).toMatch(/op\.dropColumn\("projects", "budget"\)|op\.batchAlterTable\("projects", async \(batch\) => \{\n\s+await batch\.dropColumn\("budget"\)/);
      expect(file2).toContain(`op.createTable("tags"`);

      const up2 = await project.run(["upgrade", "head"]);
      expect(up2.code, up2.stderr).toBe(0);
      state = await reflect();
      expect(names(state.schema)).toEqual(["projects", "tags", "users"]);
      expect(cols(table(state.schema, "users"))).toContain("nickname");
      expect(cols(table(state.schema, "projects"))).not.toContain("budget");
      // MySQL keeps a unique index as a unique key; either way it is there and unique.
      const tags = table(state.schema, "tags");
      const uniqueLabel = [...tags.indexes.filter((i) => i.unique), ...tags.uniques].map((u) => ({ name: u.name, columns: u.columns }));
      expect(uniqueLabel).toEqual([{ name: "ix_tags_label", columns: ["label"] }]);
      expect(state.versions).toEqual([rev2]);

      const afterUp = await project.run(["revision", "--autogenerate", "-m", "nothing again"]);
      expect(afterUp.stdout).toContain("No changes");

      const cur = await project.run(["current"]);
      expect(cur.stdout).toContain(rev2);
      const hist = await project.run(["history"]);
      expect(hist.stdout.trim().split("\n")).toEqual([`${rev1} -> ${rev2} (head), add tags`, `<base> -> ${rev1}, create users and projects`]);
      const hd = await project.run(["heads"]);
      expect(hd.stdout).toContain(rev2);

      const down1 = await project.run(["downgrade", "-1"]);
      expect(down1.code, down1.stderr).toBe(0);
      state = await reflect();
      expect(names(state.schema)).toEqual(["projects", "users"]);
      expect(cols(table(state.schema, "users"))).not.toContain("nickname");
      const budget = table(state.schema, "projects").columns.find((c) => c.name === "budget");
      expect(budget).toMatchObject({ nullable: true, type: { kind: "numeric", precision: 10, scale: 2 } });
      expect(state.versions).toEqual([rev1]);

      const downBase = await project.run(["downgrade", "base"]);
      expect(downBase.code, downBase.stderr).toBe(0);
      state = await reflect();
      expect(state.schema.tables).toHaveLength(0);
      expect(state.versions).toEqual([]);
    });
  });
}
