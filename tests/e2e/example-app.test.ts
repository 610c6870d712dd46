/**
 * The bundled example app's migrations (generated once by autogenerate) run on every
 * database, and autogenerate right after `upgrade head` finds nothing to do.
 */
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALL_DIALECTS, scratchDatabase, serverAvailable, type Scratch } from "../support/databases.js";
import { REPO_ROOT, runCli } from "../support/project.js";

const EXAMPLE_TABLES = ["post_tags", "posts", "projects", "tags", "tasks", "users"];

for (const dialectName of ALL_DIALECTS) {
  describe(`example app on ${dialectName}`, () => {
    let db: Scratch | null = null;
    beforeAll(async () => {
      if (await serverAvailable(dialectName)) db = await scratchDatabase(dialectName, "athanor_example");
    });
    afterAll(async () => db?.drop());

    it("upgrades to head, then check and autogenerate find nothing to do", async (ctx) => {
      if (!db) return ctx.skip();
      const env = { DATABASE_URL: db.urlString };
      const up = await runCli(REPO_ROOT, ["upgrade", "head"], env);
      expect(up.code, up.stderr).toBe(0);

      const conn = await db.dialect.connect(db.url);
      try {
        const snap = await db.dialect.introspect(conn, { excludeTable: (_s, n) => n === "athanor_version" || n === "athanor_history" });
        expect(snap.tables.map((t) => t.name).sort()).toEqual(EXAMPLE_TABLES);
        const postTags = snap.tables.find((t) => t.name === "post_tags")!;
        expect(postTags.primaryKey?.columns).toEqual(["post_id", "tag_id"]);
        expect(postTags.foreignKeys.map((f) => f.referredTable).sort()).toEqual(["posts", "tags"]);
      } finally {
        await conn.close();
      }

      const check = await runCli(REPO_ROOT, ["check"], env);
      expect(check.code, check.stdout + check.stderr).toBe(0);
      // Autogenerate in a copy of the migration environment, so nothing can land in the repository.
      const scratchDir = mkdtempSync(join(tmpdir(), "athanor-example-"));
      cpSync(join(REPO_ROOT, "migrations"), join(scratchDir, "migrations"), { recursive: true });
      writeFileSync(join(scratchDir, "athanor.config.mjs"), `export default { url: ${JSON.stringify(db.urlString)}, scriptLocation: "migrations", models: ${JSON.stringify(join(REPO_ROOT, "example", "models.ts"))} };\n`);
      const gen = await runCli(scratchDir, ["revision", "--autogenerate", "-m", "should be empty"]);
      const written = readdirSync(join(scratchDir, "migrations", "versions")).filter((f) => f.endsWith(".ts"));
      rmSync(scratchDir, { recursive: true, force: true });
      expect(gen.code, gen.stderr).toBe(0);
      expect(written).toHaveLength(2);
      expect(gen.stdout).toContain("No changes");

      const down = await runCli(REPO_ROOT, ["downgrade", "base"], env);
      expect(down.code, down.stderr).toBe(0);
      const conn2 = await db.dialect.connect(db.url);
      try {
        const snap = await db.dialect.introspect(conn2, { excludeTable: (_s, n) => n === "athanor_version" || n === "athanor_history" });
        expect(snap.tables).toEqual([]);
        expect(snap.enums).toEqual([]);
      } finally {
        await conn2.close();
      }
    });
  });
}
