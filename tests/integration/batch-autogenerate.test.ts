/**
 * Autogenerate on SQLite renders table alterations inside batchAlterTable blocks (renderAsBatch
 * defaults on there), and the revision upgrades and downgrades with the rows intact. Through the
 * built CLI in a temp project (run `npm run build` first).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { Connection } from "../../src/dialects/dialect.js";
import { groupIntoBatches } from "../../src/operations/batch.js";
import { renderOps } from "../../src/autogenerate/render.js";
import { reverseOps } from "../../src/operations/reverse.js";
import type { Op } from "../../src/operations/types.js";
import { scratchDatabase, type Scratch } from "../support/databases.js";
import { configFile, tempProject, type TempProject } from "../support/project.js";

const MODELS_V1 = `import { MetaData, table, integer, varchar, text } from "athanor";

export const metadata = new MetaData();

export const users = table(metadata, "users", {
  id: integer().primaryKey(),
  email: varchar(100).notNull(),
  name: varchar(50),
  legacy: text(),
});

export const posts = table(metadata, "posts", {
  id: integer().primaryKey(),
  userId: integer("user_id").notNull().references("users.id", { onDelete: "CASCADE" }),
  title: varchar(80),
});
`;

// v2: users loses legacy, name becomes NOT NULL with a default, email becomes unique;
// posts.title becomes text.
const MODELS_V2 = MODELS_V1
  .replace(`  name: varchar(50),\n  legacy: text(),\n`, `  name: varchar(50).notNull().serverDefault(sql\`'anon'\`),\n`)
  .replace(`  email: varchar(100).notNull(),`, `  email: varchar(100).notNull().unique(),`)
  .replace(`  title: varchar(80),`, `  title: text(),`)
  .replace(`import { MetaData, table, integer, varchar, text } from "athanor";`, `import { MetaData, table, integer, varchar, text, sql } from "athanor";`);

const USERS = 1000;

describe("autogenerate renders batch blocks on SQLite", () => {
  let db: Scratch;
  let project: TempProject;

  beforeAll(async () => {
    db = await scratchDatabase("sqlite", "athanor_batch_e2e");
    project = tempProject();
  });
  afterAll(async () => {
    project?.remove();
    await db?.drop();
  });

  const withConn = async <T>(fn: (c: Connection) => Promise<T>): Promise<T> => {
    const conn = await db.dialect.connect(db.url);
    try {
      return await fn(conn);
    } finally {
      await conn.close();
    }
  };
  const count = (c: Connection, t: string) => c.query<{ n: number }>(`SELECT count(*) AS n FROM "${t}"`).then((r) => r[0]!.n);

  it("a revision with batch blocks upgrades and downgrades, every row kept", async () => {
    mkdirSync(join(project.dir, "migrations", "versions"), { recursive: true });
    project.write("athanor.config.ts", configFile(db.urlString));
    project.write("models.ts", MODELS_V1);
    const gen1 = await project.run(["revision", "--autogenerate", "-m", "create"]);
    expect(gen1.code, gen1.stderr).toBe(0);
    const up1 = await project.run(["upgrade", "head"]);
    expect(up1.code, up1.stderr).toBe(0);
    await withConn(async (c) => {
      await c.execute(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${USERS})
        INSERT INTO users (id, email, name, legacy) SELECT i, 'u' || i || '@x', CASE WHEN i % 2 THEN 'N' || i END, 'old' FROM n`);
      await c.execute(`INSERT INTO posts (user_id, title) SELECT id, 'post of ' || id FROM users`);
    });

    project.write("models.ts", MODELS_V2);
    const gen2 = await project.run(["revision", "--autogenerate", "-m", "tighten users"]);
    expect(gen2.code, gen2.stderr).toBe(0);
    const file = project.read(join("migrations", "versions", project.versions().find((f) => f.includes("tighten_users"))!));
    if (process.env.SHOW_REVISION) console.log(file);
    expect(file).toContain(`await op.batchAlterTable("users", async (batch) => {`);
    expect(file).toContain(`await batch.dropColumn("legacy");`);
    expect(file).toContain(`await op.batchAlterTable("posts", async (batch) => {`);
    expect(file).not.toMatch(/op\.(dropColumn|alterColumn|createUniqueConstraint)\(/);

    // NULL names must get a value before NOT NULL holds: the model's default does not fill them.
    await withConn((c) => c.execute(`UPDATE users SET name = 'anon' WHERE name IS NULL`));
    const up2 = await project.run(["upgrade", "head"]);
    expect(up2.code, up2.stderr).toBe(0);
    await withConn(async (c) => {
      expect([await count(c, "users"), await count(c, "posts")]).toEqual([USERS, USERS]);
      const users = (await db.dialect.introspect(c)).tables.find((t) => t.name === "users")!;
      expect(users.columns.map((col) => col.name)).toEqual(["id", "email", "name"]);
      expect(users.columns[2]).toMatchObject({ nullable: false, default: "'anon'" });
      expect(users.uniques.map((u) => u.columns)).toEqual([["email"]]);
      expect(await c.query("PRAGMA foreign_key_check")).toEqual([]);
    });
    const check = await project.run(["check"]);
    expect(check.code, check.stdout + check.stderr).toBe(0);

    const down = await project.run(["downgrade", "-1"]);
    expect(down.code, down.stderr).toBe(0);
    await withConn(async (c) => {
      expect([await count(c, "users"), await count(c, "posts")]).toEqual([USERS, USERS]);
      const users = (await db.dialect.introspect(c)).tables.find((t) => t.name === "users")!;
      expect(users.columns.map((col) => col.name)).toEqual(["id", "email", "name", "legacy"]);
      expect(users.columns[2]).toMatchObject({ nullable: true, default: null });
      expect(users.uniques).toEqual([]);
      const posts = (await db.dialect.introspect(c)).tables.find((t) => t.name === "posts")!;
      expect(posts.columns[2]!.type).toEqual({ kind: "varchar", length: 80 });
      expect(posts.foreignKeys).toMatchObject([{ referredTable: "users", onDelete: "CASCADE" }]);
    });
  });

  it("renderAsBatch: false writes plain ops", async () => {
    // The database is back at the first revision: the same change again, without batches.
    rmSync(join(project.dir, "migrations", "versions", project.versions().find((f) => f.includes("tighten_users"))!));
    project.write("athanor.config.ts", configFile(db.urlString, "\n  renderAsBatch: false,"));
    const gen = await project.run(["revision", "--autogenerate", "-m", "plain"]);
    expect(gen.code, gen.stderr).toBe(0);
    const file = project.read(join("migrations", "versions", project.versions().find((f) => f.includes("plain"))!));
    expect(file).not.toContain("batchAlterTable");
    expect(file).toContain(`op.dropColumn("users", "legacy")`);
  });
});

describe("groupIntoBatches", () => {
  const ref = (table: string) => ({ schema: null, table });
  const col = (name: string) => ({ name, type: { kind: "integer" as const }, nullable: true, default: null, autoincrement: false, comment: null });
  const fkDrop = (table: string, to: string): Op => ({
    kind: "dropConstraint", ...ref(table), name: `fk_${table}_${to}`, type: "foreignkey",
    prior: { name: `fk_${table}_${to}`, columns: ["x"], referredSchema: null, referredTable: to, referredColumns: ["id"], onDelete: null, onUpdate: null },
  });

  it("gathers a table's alterations at its last one; a key to another altered table keeps its place", () => {
    const ops: Op[] = [
      fkDrop("a", "b"),
      fkDrop("a", "c"),
      { kind: "addColumn", ...ref("b"), column: col("n") },
      { kind: "dropColumn", ...ref("a"), column: col("old") },
      { kind: "execute", sql: "SELECT 1" },
      { kind: "addColumn", ...ref("a"), column: col("new") },
    ];
    const grouped = groupIntoBatches(ops);
    expect(grouped.map((o) => (o.kind === "batchAlterTable" ? `${o.table}:${o.ops.map((i) => i.kind).join("+")}` : o.kind))).toEqual([
      "a:dropConstraint", "b:addColumn", "execute", "a:dropConstraint+dropColumn+addColumn",
    ]);
    // The downgrade of a batch is a batch of the reversed ops, rendered as such.
    const text = renderOps(reverseOps(grouped.filter((o) => o.kind !== "execute")));
    expect(text).toContain(`await op.batchAlterTable("a", async (batch) => {\n    await batch.dropColumn("new");\n    await batch.addColumn("old", { type: "integer" });\n    await batch.createForeignKey("fk_a_c", "c", ["x"], ["id"]);\n  });`);
  });
});
