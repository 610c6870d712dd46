/**
 * The audit trail on real databases: a history row per applied step with a checksum of the
 * revision file (line endings normalized), and the reports of `current -v` and `check`: an
 * applied revision whose file changed, and an applied revision that no file defines.
 */
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { check } from "../../../src/commands/check.js";
import { downgrade, stamp, upgrade } from "../../../src/commands/migrate.js";
import { current } from "../../../src/commands/status.js";
import { loadGraph, withDatabase } from "../../../src/commands/context.js";
import { verifyChecksums } from "../../../src/runtime/audit.js";
import { checksumOf } from "../../../src/runtime/checksum.js";
import { ALL_DIALECTS, scratchDatabase, serverAvailable, type Scratch } from "../../support/databases.js";
import { REPO_ROOT } from "../../support/project.js";
import { chainProject, revId, withConnection, type ChainProject, type RevisionSource } from "./fixtures.js";

const CHAIN: RevisionSource[] = [1, 2, 3].map((n) => ({
  id: revId(n),
  up: `  await op.createTable("t${n}", { id: { type: "integer", primaryKey: true } });`,
  down: `  await op.dropTable("t${n}");`,
}));

interface Row { revision: string; direction: string; applied_at: unknown; duration_ms: unknown; checksum: string | null }

function history(db: Scratch): Promise<Row[]> {
  return withConnection(db, (conn) => conn.query<Row>("SELECT revision, direction, applied_at, duration_ms, checksum FROM athanor_history ORDER BY id"));
}

for (const dialectName of ALL_DIALECTS) {
  describe(`audit trail on ${dialectName}`, () => {
    let db: Scratch | null = null;
    let project: ChainProject | null = null;
    afterEach(async () => {
      project?.remove();
      await db?.drop();
    });

    it("records each step with its checksum; current -v and check report changed and unknown revisions", async (ctx) => {
      if (!(await serverAvailable(dialectName))) return ctx.skip();
      db = await scratchDatabase(dialectName, "athanor_audit");
      project = chainProject(db.urlString, CHAIN, { models: "models.ts" });
      writeFileSync(join(project.dir, "models.ts"),
        `import { MetaData, table, integer } from ${JSON.stringify(join(REPO_ROOT, "src", "index.ts"))};\n` +
        `export const metadata = new MetaData();\n` +
        [1, 2, 3].map((n) => `table(metadata, "t${n}", { id: integer().primaryKey() });`).join("\n") + "\n");
      const p = project;
      const sum = (n: number) => checksumOf(readFileSync(p.path(revId(n)), "utf8"));

      await upgrade(p.config(), "head");
      await downgrade(p.config(), "-1");
      await upgrade(p.config(), "head");
      await stamp(p.config(), ["head"]);
      const rows = await history(db);
      expect(rows.map((r) => [r.revision, r.direction, r.checksum])).toEqual([
        [revId(1), "upgrade", sum(1)],
        [revId(2), "upgrade", sum(2)],
        [revId(3), "upgrade", sum(3)],
        [revId(3), "downgrade", sum(3)],
        [revId(3), "upgrade", sum(3)],
        [revId(3), "stamp", sum(3)],
      ]);
      for (const r of rows) {
        expect(Number(r.duration_ms)).toBeGreaterThanOrEqual(0);
        expect(String(r.applied_at)).not.toBe("");
      }
      const clean = await current(p.config(), { verify: true });
      expect(clean.audit).toEqual({ changed: [], unknown: [], hasHistory: true });
      const fine = await check(p.config());
      expect(fine.ops, JSON.stringify(fine.ops)).toEqual([]);
      expect(fine.ok).toBe(true);

      // CRLF line endings are not a change; an edit is.
      const one = p.path(revId(1));
      writeFileSync(one, readFileSync(one, "utf8").replace(/\n/g, "\r\n"));
      const two = p.path(revId(2));
      const applied2 = sum(2);
      writeFileSync(two, readFileSync(two, "utf8").replace(`await op.createTable("t2"`, `// reworded\n  await op.createTable("t2"`));
      const edited = await current(p.config(), { verify: true });
      expect(edited.audit!.changed.map((c) => [c.revision, c.recorded, c.actual])).toEqual([[revId(2), applied2, sum(2)]]);
      const checked = await check(p.config());
      expect(checked.ok).toBe(false);
      expect(checked.ops).toEqual([]);
      expect(checked.audit.changed.map((c) => c.revision)).toEqual([revId(2)]);

      // Revision 2's file disappears and 3 is re-parented: the history still says 2 is applied.
      rmSync(two);
      p.write(CHAIN[2]!, revId(1));
      const orphaned = await current(p.config(), { verify: true });
      expect(orphaned.audit!.unknown).toEqual([expect.objectContaining({ revision: revId(2), source: "history" })]);
      expect((await check(p.config())).audit.unknown.map((u) => u.revision)).toEqual([revId(2)]);

      // The version table names a revision no file defines: current refuses, naming it; the audit lists both.
      rmSync(p.path(revId(3)));
      await expect(current(p.config(), { verify: true })).rejects.toThrow(`revision ${revId(3)}, which no revision file defines`);
      const config = p.config();
      const findings = await withDatabase(config, async (conn) => verifyChecksums(conn, await loadGraph(config)));
      expect(findings.unknown.map((u) => [u.revision, u.source])).toEqual([[revId(3), "version table"], [revId(2), "history"]]);
    });
  });
}
