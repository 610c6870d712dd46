/**
 * `athanor check`: the models against the database at head, on each database. Nothing to do
 * is exit 0; a model change without a migration is exit 1 with a summary and a unified diff
 * that shows that change and nothing else; a database behind the head, or several heads, is a
 * refusal (exit 1) rather than a misleading diff.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { check } from "../../src/commands/check.js";
import { downgrade, upgrade } from "../../src/commands/migrate.js";
import { renderSchemaText } from "../../src/commands/schema-text.js";
import { loadDialect } from "../../src/dialects/index.js";
import { AthanorError } from "../../src/errors.js";
import type { SchemaSnapshot, TableSnapshot } from "../../src/snapshot/types.js";
import { ALL_DIALECTS, scratchDatabase, serverAvailable, type Scratch } from "../support/databases.js";
import { tempProject, type TempProject } from "../support/project.js";
import { CHAIN, MODELS, MODELS_WITH_LABELS, projectConfig, R2, R3, R4, writeChain, writeRevision } from "./ci-chain.js";

/** users gains a column and a new table appears, neither with a migration. */
const MODELS_CHANGED = MODELS_WITH_LABELS.replace(`  nickname: varchar(40),\n`, `  nickname: varchar(40),\n  bio: text(),\n`);

/** The changed lines of a unified diff, headers left out. */
const changed = (diff: string, mark: "+" | "-") =>
  diff.split("\n").filter((l) => l.startsWith(mark) && !l.startsWith(`${mark}${mark}${mark}`));

async function refusal(p: Promise<unknown>): Promise<AthanorError> {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(AthanorError);
  return e as AthanorError;
}

for (const dialectName of ALL_DIALECTS) {
  describe(`athanor check on ${dialectName}`, () => {
    let db: Scratch | null = null;
    let p: TempProject;

    beforeAll(async () => {
      if (!(await serverAvailable(dialectName))) return;
      db = await scratchDatabase(dialectName, "athanor_check");
      p = tempProject();
      writeChain(p, db.urlString);
      await upgrade(await projectConfig(p), "heads");
    });
    afterAll(async () => {
      p?.remove();
      await db?.drop();
    });

    it("models that match the database at head: ok, no ops, no diff", async (ctx) => {
      if (!db) return ctx.skip();
      const r = await check(await projectConfig(p));
      expect(r).toMatchObject({ ok: true, heads: [R3], ops: [], warnings: [], diff: "" });
    });

    it("a model change with no migration: the ops, and a diff showing that change alone", async (ctx) => {
      if (!db) return ctx.skip();
      p.write("models.ts", MODELS_CHANGED);
      try {
        const r = await check(await projectConfig(p));
        expect(r.ok).toBe(false);
        expect(r.ops.map((op) => op.kind).sort()).toEqual(["addColumn", "createTable"]);
        expect(r.diff.split("\n").slice(0, 2)).toEqual(["--- database", "+++ models"]);
        // The database's side has nothing the models lack: types, defaults and keys render alike.
        expect(changed(r.diff, "-")).toEqual([]);
        const added = changed(r.diff, "+");
        expect(added).toContain("+table labels");
        expect(added.some((l) => /^\+ {2}bio +\S/.test(l))).toBe(true);
        // One line for the new column, and the new table's block; nothing else moves.
        expect(added.filter((l) => !l.includes("labels") && /^\+ {2}\S/.test(l) && !/^\+ {2}(id|name|primary key)/.test(l))).toHaveLength(1);
        expect(added.filter((l) => !/bio|labels|^\+ {2}(id|name) |^\+ {2}primary key \(id\)$|^\+$/.test(l))).toEqual([]);
      } finally {
        p.write("models.ts", MODELS);
      }
    });

    it("a database behind the head: refused with exit code 1, naming where it is and the head", async (ctx) => {
      if (!db) return ctx.skip();
      await downgrade(await projectConfig(p), "-1");
      try {
        const e = await refusal(check(await projectConfig(p)));
        expect(e.exitCode).toBe(1);
        expect(e.message).toContain(`it is at ${R2}, the head is ${R3}`);
      } finally {
        await upgrade(await projectConfig(p), "heads");
      }
    });

    it("two heads: refused with exit code 1, naming both", async (ctx) => {
      if (!db) return ctx.skip();
      writeRevision(p, CHAIN.r4);
      p.write("models.ts", MODELS_WITH_LABELS);
      await upgrade(await projectConfig(p), "heads");
      const e = await refusal(check(await projectConfig(p)));
      expect(e.exitCode).toBe(1);
      expect(e.message).toContain("2 heads");
      expect(e.message).toContain(`${R3} "add settings"`);
      expect(e.message).toContain(`${R4} "add labels"`);
    });
  });
}

/** The CLI once (on SQLite, which needs no server): the summary and diff, exit codes, --json. */
describe("athanor check: the CLI", () => {
  let p: TempProject;
  beforeEach(async () => {
    p = tempProject();
    writeChain(p, "sqlite:///app.db");
    await upgrade(await projectConfig(p), "heads");
  });
  afterEach(() => p.remove());

  it("no changes: exit 0 and says so; changes: exit 1, a summary then the diff, no colors under NO_COLOR", async () => {
    const same = await p.run(["check"]);
    expect(same.code, same.stderr).toBe(0);
    expect(same.stdout.trim()).toBe(`No changes: the models match the database at ${R3}.`);

    p.write("models.ts", MODELS_CHANGED);
    const r = await p.run(["check"]);
    expect(r.code, r.stderr).toBe(1);
    const out = r.stdout;
    expect(out).toContain("2 changes in the models without a migration:\n  + table labels\n  + column users.bio\n");
    expect(out.indexOf("+ column users.bio")).toBeLessThan(out.indexOf("--- database\n+++ models\n@@"));
    expect(out).toMatch(/^\+ {2}bio +/m);
    expect(out).toContain("athanor revision --autogenerate");
    expect(out).not.toContain("\x1b[");
  });

  it("--json: the same data for machines", async () => {
    p.write("models.ts", MODELS_CHANGED);
    const r = await p.run(["--json", "check"]);
    expect(r.code, r.stderr).toBe(1);
    const json = JSON.parse(r.stdout) as { ok: boolean; heads: string[]; ops: { kind: string }[]; summary: string[]; diff: string };
    expect(json.ok).toBe(false);
    expect(json.heads).toEqual([R3]);
    expect(json.ops.map((o) => o.kind)).toEqual(["createTable", "addColumn"]);
    expect(json.summary).toEqual(["+ table labels", "+ column users.bio"]);
    expect(json.diff).toContain("+table labels");
  });
});

describe("schema text for the diff", () => {
  const col = (name: string, nullable = true) =>
    ({ name, type: { kind: "varchar", length: 10 } as const, nullable, default: null, autoincrement: false, comment: null });
  const t = (name: string, columns: string[]): TableSnapshot => ({
    schema: null, name, columns: columns.map((c) => col(c)), primaryKey: null,
    foreignKeys: [], uniques: [], indexes: [], checks: [], comment: null,
  });

  it("is the same text whatever the order tables and columns come in", async () => {
    const sqlite = await loadDialect("sqlite");
    const a: SchemaSnapshot = { tables: [t("b", ["y", "x"]), t("a", ["z"])], enums: [] };
    const b: SchemaSnapshot = { tables: [t("a", ["z"]), t("b", ["x", "y"])], enums: [] };
    expect(renderSchemaText(a, sqlite)).toBe(renderSchemaText(b, sqlite));
    const pad = (n: string) => n.padEnd(16);
    expect(renderSchemaText(a, sqlite)).toBe(
      `table a\n  ${pad("z")} VARCHAR(10) NULL\n\ntable b\n  ${pad("x")} VARCHAR(10) NULL\n  ${pad("y")} VARCHAR(10) NULL\n`);
  });
});
