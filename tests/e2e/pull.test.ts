/**
 * `athanor pull` through the built CLI: it writes a models file that the project then loads
 * (importing from "athanor" like any user file) and that `check` finds equal to the database;
 * it never overwrites a file without --force, and a failure leaves nothing behind.
 */
import Database from "better-sqlite3";
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configFile, tempProject, type TempProject } from "../support/project.js";

const SCHEMA = `
CREATE TABLE authors (
  author_id INTEGER PRIMARY KEY,
  full_name VARCHAR(100) NOT NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE TABLE books (
  id INTEGER PRIMARY KEY,
  author_id INTEGER NOT NULL REFERENCES authors (author_id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  price NUMERIC(8,2) DEFAULT 0,
  CONSTRAINT ck_books_price CHECK (price >= 0)
);
CREATE INDEX ix_books_title ON books (lower(title)) WHERE price > 0;
`;

describe("athanor pull", () => {
  let project: TempProject;
  let dbFile: string;

  beforeAll(() => {
    project = tempProject();
    dbFile = join(project.dir, "app.db");
    const db = new Database(dbFile);
    db.exec(SCHEMA);
    db.close();
    project.write("athanor.config.ts", configFile(`sqlite:///app.db`));
    mkdirSync(join(project.dir, "migrations", "versions"), { recursive: true });
  });
  afterAll(() => project?.remove());

  it("writes the configured models file, which check then finds equal to the database", async () => {
    const pulled = await project.run(["pull"]);
    expect(pulled.stderr).toBe("");
    expect(pulled.stdout.trim()).toBe("Wrote models.ts: 2 tables");
    expect(pulled.code).toBe(0);
    const models = project.read("models.ts");
    expect(models).toContain(`from "athanor";`);
    expect(models).toContain(`export const authors = table(metadata, "authors", {`);
    expect(models).toContain(`  fullName: varchar("full_name", 100).notNull(),`);
    expect(models).toContain(`  authorId: integer("author_id").notNull().references("authors.author_id", { onDelete: "CASCADE" }),`);
    expect(models).toContain("    index(\"ix_books_title\", [sql`lower(title)`], { where: sql`price > 0` }),");
    expect(models).toContain("    check(\"ck_books_price\", sql`price >= 0`),");

    const check = await project.run(["check"]);
    expect(check.stdout).toContain("No changes");
    expect(check.code).toBe(0);
  });

  it("refuses to overwrite an existing file without --force, and leaves it as it was", async () => {
    project.write("models.ts", "// mine\n");
    const refused = await project.run(["pull"]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("models.ts already exists: pass --force to overwrite it");
    expect(project.read("models.ts")).toBe("// mine\n");

    const forced = await project.run(["pull", "--force", "--json"]);
    expect(forced.code).toBe(0);
    expect(JSON.parse(forced.stdout)).toEqual({ path: join(project.dir, "models.ts"), tables: 2, warnings: [] });
    expect(project.read("models.ts")).toContain(`export const books = table(metadata, "books", {`);
  });

  it("runs without a config file given --url, writing where --out says (folders made as needed)", async () => {
    const bare = tempProject();
    try {
      const r = await bare.run(["pull", "--url", `sqlite:///${dbFile}`, "--out", "src/db/models.ts"]);
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      expect(bare.read("src/db/models.ts")).toContain(`export const books = table(metadata, "books", {`);
    } finally {
      bare.remove();
    }
  });

  it("writes nothing when the database cannot be reached", async () => {
    const bare = tempProject();
    try {
      const r = await bare.run(["pull", "--url", "postgresql://nobody:secret@127.0.0.1:1/nowhere", "--out", "models.ts"]);
      expect(r.code).toBe(3);
      expect(r.stderr).not.toContain("secret");
      expect(existsSync(join(bare.dir, "models.ts"))).toBe(false);
    } finally {
      bare.remove();
    }
  });
});
