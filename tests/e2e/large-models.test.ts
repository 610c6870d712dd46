/**
 * Models large enough that the CLI compiles them in a worker thread while it reflects the
 * database (the path the benchmark's big schemas take), through the built CLI on each
 * database: autogenerate and upgrade, then check finds nothing, then a model change is found.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { ALL_DIALECTS, scratchDatabase, serverAvailable, type Scratch } from "../support/databases.js";
import { configFile, tempProject, type TempProject } from "../support/project.js";

const TABLES = 80;
const COLUMNS = 90;

function models(changed: boolean): string {
  const out = [`import { MetaData, table, integer, varchar, text, boolean } from "athanor";`, `export const metadata = new MetaData();`];
  for (let t = 0; t < TABLES; t++) {
    out.push(`export const t${t} = table(metadata, "wide_${t}", {`, `  id: integer().primaryKey(),`);
    for (let c = 0; c < COLUMNS; c++) {
      const type = c % 3 === 0 ? "varchar(40)" : c % 3 === 1 ? "integer()" : "boolean()";
      out.push(`  column_number_${c}: ${type}${c % 2 === 0 ? ".notNull()" : ""},`);
    }
    if (changed && t === 7) out.push(`  added_later: text(),`);
    out.push(`});`);
  }
  return out.join("\n") + "\n";
}

/** The largest compiled bundle in the project's cache: the models. */
function largestBundle(p: TempProject): number {
  const dir = join(p.dir, "node_modules", ".cache", "athanor", "modules");
  return Math.max(...readdirSync(dir).filter((f) => f.endsWith(".mjs")).map((f) => statSync(join(dir, f)).size));
}

for (const dialectName of ALL_DIALECTS) {
  describe(`large models on ${dialectName}`, () => {
    let db: Scratch | null = null;
    let p: TempProject;

    beforeAll(async () => {
      if (!(await serverAvailable(dialectName))) return;
      db = await scratchDatabase(dialectName, "athanor_large");
      p = tempProject();
      expect((await p.run(["init", "migrations"])).code).toBe(0);
      p.write("athanor.config.ts", configFile(db.urlString));
      p.write("models.ts", models(false));
    });
    afterAll(async () => {
      p?.remove();
      await db?.drop();
    });

    it("autogenerate, upgrade, check: nothing; a model change: check names it", async (ctx) => {
      if (!db) return ctx.skip();
      const gen = await p.run(["revision", "--autogenerate", "-m", "wide tables"]);
      expect(gen.code, gen.stderr).toBe(0);
      // Past the size at which the CLI hands the models to a worker thread.
      expect(largestBundle(p)).toBeGreaterThan(256 * 1024);
      const up = await p.run(["upgrade", "head"]);
      expect(up.code, up.stderr).toBe(0);
      const same = await p.run(["--json", "check"]);
      expect(same.code, same.stderr).toBe(0);
      expect(JSON.parse(same.stdout).ops).toEqual([]);

      p.write("models.ts", models(true));
      const differs = await p.run(["--json", "check"]);
      expect(differs.code, differs.stderr).toBe(1);
      const ops = JSON.parse(differs.stdout).ops as { kind: string; table: string; column?: { name: string } }[];
      expect(ops.map((op) => [op.kind, op.table, op.column?.name])).toEqual([["addColumn", "wide_7", "added_later"]]);
    });
  });
}
