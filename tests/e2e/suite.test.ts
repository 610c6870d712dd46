/**
 * `athanor test`, the CI suite, on each database: a good chain passes every check, and each
 * kind of breakage makes exactly the matching check fail with a message naming the revision.
 * The suite works on scratch databases of its own; the configured database stays untouched.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { existsSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runSuite, type SuiteResult } from "../../src/commands/suite/index.js";
import type { DialectName } from "../../src/dialects/dialect.js";
import { loadDialect } from "../../src/dialects/index.js";
import { ALL_DIALECTS, scratchDatabase, serverAvailable, SERVER_URLS, type Scratch } from "../support/databases.js";
import { parseDatabaseUrl } from "../../src/config/url.js";
import { tempProject, type TempProject } from "../support/project.js";
import { CHAIN, MODELS, MODELS_WITH_LABELS, projectConfig, R2, R3, R4, writeChain, writeRevision } from "./ci-chain.js";

type Statuses = Record<string, "passed" | "failed" | "skipped">;

const statuses = (r: SuiteResult): Statuses => Object.fromEntries(r.checks.map((c) => [c.name, c.status]));
const message = (r: SuiteResult, name: string): string => r.checks.find((c) => c.name === name)?.message ?? "";
const allPassed: Statuses = { "single-head": "passed", upgrade: "passed", "models-match": "passed", stairway: "passed", "clean-downgrade": "passed" };

/** Scratch databases (or files) the suite made: it must drop every one. */
async function scratchNames(dialectName: DialectName): Promise<string[]> {
  if (dialectName === "sqlite") return readdirSync(tmpdir()).filter((f) => f.startsWith("athanor_test_"));
  const dialect = await loadDialect(dialectName);
  const conn = await dialect.connect(parseDatabaseUrl(SERVER_URLS[dialectName]));
  try {
    const sql = dialectName === "postgresql"
      ? `SELECT datname AS name FROM pg_database WHERE datname LIKE 'athanor\\_test\\_%'`
      : `SELECT SCHEMA_NAME AS name FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE 'athanor\\_test\\_%'`;
    return (await conn.query<{ name: string }>(sql)).map((r) => String(r.name));
  } finally {
    await conn.close();
  }
}

for (const dialectName of ALL_DIALECTS) {
  describe(`athanor test on ${dialectName}`, () => {
    let user: Scratch | null = null;
    let p: TempProject;

    beforeAll(async () => {
      if (!(await serverAvailable(dialectName))) return;
      user = await scratchDatabase(dialectName, "athanor_ci_user");
    });
    afterAll(async () => {
      await user?.drop();
    });
    beforeEach(() => {
      p?.remove();
      p = tempProject();
      if (user) writeChain(p, user.urlString);
    });
    afterAll(() => p?.remove());

    const suite = async () => runSuite(await projectConfig(p));

    it("a good chain passes every check, on scratch databases it drops; the configured one is untouched", async (ctx) => {
      if (!user) return ctx.skip();
      const before = await scratchNames(dialectName);
      const r = await suite();
      expect(statuses(r), JSON.stringify(r.checks, null, 2)).toEqual(allPassed);
      expect(r.ok).toBe(true);
      expect(message(r, "single-head")).toBe(`one head: ${R3} "add settings"`);
      expect(message(r, "stairway")).toBe("3 revisions up, down and up again");
      expect((await scratchNames(dialectName)).filter((n) => !before.includes(n))).toEqual([]);
      const conn = await user.dialect.connect(user.url);
      try {
        expect((await user.dialect.introspect(conn)).tables).toEqual([]);
      } finally {
        await conn.close();
      }
    });

    it("a model change with no migration fails models-match alone, naming the head and the change", async (ctx) => {
      if (!user) return ctx.skip();
      p.write("models.ts", MODELS.replace(`  nickname: varchar(40),\n`, `  nickname: varchar(40),\n  bio: text(),\n`));
      const r = await suite();
      expect(statuses(r)).toEqual({ ...allPassed, "models-match": "failed" });
      expect(r.ok).toBe(false);
      expect(message(r, "models-match")).toContain(R3);
      expect(message(r, "models-match")).toContain("add column users.bio");
    });

    it("a downgrade that forgets a drop fails stairway and clean-downgrade, naming the revision and the leftover", async (ctx) => {
      if (!user) return ctx.skip();
      writeRevision(p, { ...CHAIN.r3, downgrade: "" });
      const r = await suite();
      expect(statuses(r)).toEqual({ ...allPassed, stairway: "failed", "clean-downgrade": "failed" });
      expect(message(r, "stairway")).toBe(`downgrade of ${R3} "add settings" left table settings behind`);
      expect(message(r, "clean-downgrade")).toContain(`the downgrade of ${R3} "add settings" does not remove table settings`);
    });

    it("two heads fail single-head alone, naming both", async (ctx) => {
      if (!user) return ctx.skip();
      writeRevision(p, CHAIN.r4);
      p.write("models.ts", MODELS_WITH_LABELS);
      const r = await suite();
      expect(statuses(r), JSON.stringify(r.checks, null, 2)).toEqual({ ...allPassed, "single-head": "failed" });
      expect(message(r, "single-head")).toContain(R3);
      expect(message(r, "single-head")).toContain(R4);
      expect(message(r, "stairway")).toContain("4 revisions");
    });

    it("a revision that fails on upgrade fails upgrade; the checks that need it say so and are skipped", async (ctx) => {
      if (!user) return ctx.skip();
      writeRevision(p, { ...CHAIN.r2, upgrade: `${CHAIN.r2.upgrade}\n  await op.execute("INSERT INTO no_such_table VALUES (1)");` });
      const r = await suite();
      expect(statuses(r)).toEqual({
        "single-head": "passed", upgrade: "failed", "models-match": "skipped", stairway: "skipped", "clean-downgrade": "skipped",
      });
      expect(message(r, "upgrade")).toMatch(new RegExp(`^upgrade of ${R2} "add notes" failed in execute: .*no_such_table`));
      expect(message(r, "stairway")).toBe("needs upgrade, which failed");
    });

    it("a revision whose downgrade fails fails stairway, naming it; clean-downgrade defers to it", async (ctx) => {
      if (!user) return ctx.skip();
      writeRevision(p, { ...CHAIN.r2, downgrade: `\n  await op.execute("DROP TABLE no_such_table");${CHAIN.r2.downgrade}` });
      const r = await suite();
      expect(statuses(r)).toEqual({ ...allPassed, stairway: "failed", "clean-downgrade": "skipped" });
      expect(message(r, "stairway")).toMatch(new RegExp(`^downgrade of ${R2} "add notes" failed in execute: .*no_such_table`));
    });
  });
}

/** The CLI once (on SQLite, which needs no server): output lines, exit codes, --json. */
describe("athanor test: the CLI", () => {
  let p: TempProject;
  beforeEach(() => {
    p = tempProject();
    writeChain(p, "sqlite:///app.db");
  });
  afterEach(() => p.remove());

  it("one line per check and a total, exit 0; the configured database is not created", async () => {
    const r = await p.run(["test"]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const lines = r.stdout.trim().split("\n");
    expect(lines.map((l) => l.split(/\s+/).slice(0, 2).join(" "))).toEqual([
      "✓ single-head", "✓ upgrade", "✓ models-match", "✓ stairway", "✓ clean-downgrade", "5 passed,",
    ]);
    expect(lines[0]).toMatch(new RegExp(`^✓ single-head +\\d+ ms  one head: ${R3} "add settings"$`));
    expect(lines[5]).toBe("5 passed, 0 failed");
    expect(r.stdout).not.toContain("\x1b[");
    expect(existsSync(join(p.dir, "app.db"))).toBe(false);
  });

  it("a failing check alone, with --json: exit 1 and the message", async () => {
    writeRevision(p, { ...CHAIN.r3, downgrade: "" });
    const r = await p.run(["--json", "test", "stairway"]);
    expect(r.code, r.stderr).toBe(1);
    const json = JSON.parse(r.stdout) as SuiteResult;
    expect(json.ok).toBe(false);
    expect(json.checks.map((c) => [c.name, c.status])).toEqual([["stairway", "failed"]]);
    expect(json.checks[0]!.message).toBe(`downgrade of ${R3} "add settings" left table settings behind`);
  });

  it("an unknown check name: exit 2 listing the checks", async () => {
    const r = await p.run(["test", "stairs"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`no check named "stairs"`);
    expect(r.stderr).toContain("single-head, upgrade, models-match, stairway, clean-downgrade");
  });
});
