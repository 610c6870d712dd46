/**
 * Branches and merges end to end on each database, in a temp project: revisions written by
 * `revision` (--head, --splice, --branch-label, --rev-id) and `merge`, then upgrade heads,
 * label@head, merge, downgrades to the branch point, to one side of the merge and by
 * label@-1, stamp and stamp --purge, asserting the version table's rows (read directly)
 * and the tables each revision creates after every step. Most steps call the library; a few
 * go through the built CLI for output and exit codes.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { resolveConfig, type ResolvedConfig } from "../../src/config/load.js";
import type { Connection } from "../../src/dialects/dialect.js";
import { isAthanorError } from "../../src/errors.js";
import { ModuleLoader } from "../../src/runtime/load-module.js";
import { main } from "../../src/cli/main.js";
import { branches } from "../../src/commands/branches.js";
import { merge } from "../../src/commands/merge.js";
import { downgrade, stamp, upgrade } from "../../src/commands/migrate.js";
import { revision } from "../../src/commands/revision.js";
import { show } from "../../src/commands/show.js";
import { current, heads, history } from "../../src/commands/status.js";
import { ALL_DIALECTS, scratchDatabase, serverAvailable, type Scratch } from "../support/databases.js";
import { tempProject, type TempProject } from "../support/project.js";

/**
 *   aa00 -+-> bx01 (xb) -> dx02 -+-> em03 (merge) -> fn04
 *         +-> cy01 (yb) ---------+
 *   gz01 (gz, a second root, dependsOn yb), added last
 * Each revision creates (and its downgrade drops) a table named t_<id>.
 */
const MAIN = ["aa00", "bx01", "cy01", "dx02", "em03", "fn04"];
const IDS = [...MAIN, "gz01"];

/** Fills a generated file's empty upgrade and downgrade with a table of its own. */
function giveTable(path: string, id: string): void {
  const text = readFileSync(path, "utf8")
    .replace("// nothing to do", `await op.createTable("t_${id}", { id: { type: "integer", primaryKey: true } });`)
    .replace("// nothing to do", `await op.dropTable("t_${id}");`);
  writeFileSync(path, text);
}

/** Runs the CLI (src/cli/main.ts) in this process from `dir`, sparing a process start per command. */
async function cliHere(dir: string, args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const cwd = process.cwd();
  const [out, err] = [process.stdout.write, process.stderr.write];
  const captured = { stdout: "", stderr: "" };
  const capture = (key: "stdout" | "stderr") => ((chunk: string | Uint8Array) => {
    captured[key] += String(chunk);
    return true;
  }) as typeof process.stdout.write;
  process.stdout.write = capture("stdout");
  process.stderr.write = capture("stderr");
  process.env.NO_COLOR = "1";
  try {
    process.chdir(dir);
    const code = await main(args);
    return { code, ...captured };
  } finally {
    [process.stdout.write, process.stderr.write] = [out, err];
    process.chdir(cwd);
  }
}

async function expectError(promise: Promise<unknown>, code: string, ...fragments: string[]): Promise<void> {
  const e = await promise.then(() => null, (err: unknown) => err);
  expect(isAthanorError(e), `expected an AthanorError ${code}, got ${String(e)}`).toBe(true);
  if (!isAthanorError(e)) return;
  expect(e.code, e.message).toBe(code);
  for (const f of fragments) expect(e.message).toContain(f);
}

for (const dialectName of ALL_DIALECTS) {
  describe(`revision graph on ${dialectName}`, () => {
    let db: Scratch | null = null;
    let conn: Connection;
    let p: TempProject;
    let config: ResolvedConfig;

    const rows = async (): Promise<string[]> =>
      (await conn.query<{ version_num: string }>("SELECT version_num FROM athanor_version")).map((r) => String(r.version_num)).sort();
    /** The revisions whose table exists: what actually ran. */
    const tables = async (): Promise<string[]> => {
      const present: string[] = [];
      for (const id of IDS) {
        const exists = await conn.query(`SELECT 1 FROM ${db!.dialect.quoteIdentifier(`t_${id}`)} WHERE 1 = 0`).then(() => true, () => false);
        if (exists) present.push(id);
      }
      return present;
    };
    const expectState = async (versionRows: string[], applied: string[]): Promise<void> => {
      expect(await rows()).toEqual(versionRows);
      expect(await tables()).toEqual(applied);
    };
    const ids = (infos: readonly { revision: string }[]) => infos.map((r) => r.revision);

    beforeAll(async () => {
      if (!(await serverAvailable(dialectName))) return;
      db = await scratchDatabase(dialectName, "athanor_graph");
      conn = await db.dialect.connect(db.url);
      p = tempProject();
      p.write("athanor.config.ts", `export default { url: ${JSON.stringify(db.urlString)}, scriptLocation: "migrations" };\n`);
      p.write("migrations/versions/.keep", "");
      config = resolveConfig({ url: db.urlString, scriptLocation: "migrations" }, join(p.dir, "athanor.config.ts"), new ModuleLoader());
    });

    afterAll(async () => {
      await conn?.close();
      await db?.drop();
      p?.remove();
    });

    it("writes a branch with revision --head/--splice/--branch-label, and refuses bad placements", async (ctx) => {
      if (!db) return ctx.skip();
      const write = async (id: string, options: Parameters<typeof revision>[1]) => {
        const r = await revision(config, { revId: id, message: `rev ${id}`, ...options });
        giveTable(r.path!, id);
        return r;
      };
      await write("aa00", {});
      await write("bx01", { branchLabel: ["xb"] });
      await expectError(revision(config, { head: "aa00", message: "no splice" }), "USAGE", "aa00 is not a head", "--splice");
      await write("cy01", { head: "aa00", splice: true, branchLabel: ["yb"] });
      await expectError(revision(config, { message: "which parent?" }), "MULTIPLE_HEADS", "bx01", "cy01", "--head", "merge");
      await expectError(revision(config, { head: "xb@head", branchLabel: ["yb"] }), "DUPLICATE_REVISION", `"yb" is already used by revision cy01`);
      await expectError(revision(config, { head: "xb@head", revId: "bx01" }), "DUPLICATE_REVISION", "bx01 already exists");
      await write("dx02", { head: "xb@head" });
      expect(p.versions()).toEqual(["aa00_rev_aa00.ts", "bx01_rev_bx01.ts", "cy01_rev_cy01.ts", "dx02_rev_dx02.ts"]);
      expect(p.read("migrations/versions/dx02_rev_dx02.ts")).toContain(`export const downRevision: string | string[] | null = "bx01";`);
      expect(p.read("migrations/versions/cy01_rev_cy01.ts")).toContain(`export const branchLabels: string[] | null = ["yb"];`);
      expect(ids(await heads(config))).toEqual(["cy01", "dx02"]);
    });

    it("refuses upgrade head with two heads, naming them; upgrades one label, then heads", async (ctx) => {
      if (!db) return ctx.skip();
      const cli = await p.run(["upgrade", "head"]);
      expect(cli.code).toBe(2);
      expect(cli.stderr).toContain("there are 2 heads");
      expect(cli.stderr).toMatch(/cy01.*dx02/);
      expect(cli.stderr).toContain("athanor upgrade heads");
      expect(cli.stderr).toContain("athanor merge heads");

      await upgrade(config, "yb@head");
      await expectState(["cy01"], ["aa00", "cy01"]);
      const partial = await current(config);
      expect(ids(partial.revisions)).toEqual(["cy01"]);
      expect(partial.atHeads).toBe(false);
      await expectError(current(config, { checkHeads: true }), "NOT_AT_HEAD", "cy01", "dx02");

      await upgrade(config, "xb@+1");
      await expectState(["bx01", "cy01"], ["aa00", "bx01", "cy01"]);
      const r = await upgrade(config, "heads");
      expect(r.steps.map((s) => s.revision)).toEqual(["dx02"]);
      await expectState(["cy01", "dx02"], ["aa00", "bx01", "cy01", "dx02"]);
      expect((await current(config, { checkHeads: true })).atHeads).toBe(true);
    });

    it("merges the heads and upgrades through the merge with one row", async (ctx) => {
      if (!db) return ctx.skip();
      await expectError(merge(config, ["dx02"]), "USAGE", "nothing to merge");
      await expectError(merge(config, ["heads", "bx01"]), "USAGE", "bx01 is not a head");
      const m = await merge(config, ["heads"], { message: "join the branches", revId: "em03" });
      expect(m.parents).toEqual(["cy01", "dx02"]);
      const text = readFileSync(m.path, "utf8");
      expect(text).toContain(`export const downRevision: string | string[] | null = ["cy01","dx02"];`);
      expect(text).toContain("Revises: cy01, dx02");
      expect(text.match(/\/\/ nothing to do/g)).toHaveLength(2);
      giveTable(m.path, "em03");
      const after = await revision(config, { revId: "fn04", message: "after the merge" });
      giveTable(after.path!, "fn04");
      expect(ids(await heads(config))).toEqual(["fn04"]);

      await upgrade(config, "em03");
      await expectState(["em03"], ["aa00", "bx01", "cy01", "dx02", "em03"]);
      await upgrade(config, "head");
      await expectState(["fn04"], MAIN);
    });

    it("downgrades to the branch point, to one side of the merge, and by <label>@-1", async (ctx) => {
      if (!db) return ctx.skip();
      const down = await downgrade(config, "aa00");
      expect(down.steps.map((s) => s.revision)).toEqual(["fn04", "em03", "dx02", "bx01", "cy01"]);
      await expectState(["aa00"], ["aa00"]);

      await upgrade(config, "heads");
      await expectState(["fn04"], MAIN);
      await downgrade(config, "xb@-1");
      await expectState(["em03"], ["aa00", "bx01", "cy01", "dx02", "em03"]);
      await expectError(downgrade(config, "xb@-1"), "REVISION_AMBIGUOUS", "em03 merges");
      await downgrade(config, "dx02");
      await expectState(["cy01", "dx02"], ["aa00", "bx01", "cy01", "dx02"]);
      await downgrade(config, "xb@-1");
      await expectState(["bx01", "cy01"], ["aa00", "bx01", "cy01"]);
      await downgrade(config, "yb@-1");
      await expectState(["bx01"], ["aa00", "bx01"]);
      await downgrade(config, "base");
      await expectState([], []);
    });

    it("stamps rows without running anything, and stamp --purge replaces unknown rows", async (ctx) => {
      if (!db) return ctx.skip();
      await stamp(config, ["dx02"]);
      await expectState(["dx02"], []);
      await stamp(config, ["cy01"]);
      await expectState(["cy01", "dx02"], []);
      await stamp(config, ["em03"]);
      await expectState(["em03"], []);
      await stamp(config, ["bx01"]);
      await expectState(["bx01"], []);
      await stamp(config, ["base"]);
      await expectState([], []);

      await conn.execute("INSERT INTO athanor_version (version_num) VALUES ('zz99')");
      await expectError(current(config), "REVISION_NOT_FOUND", "zz99", "stamp --purge");
      await expectError(upgrade(config, "heads"), "REVISION_NOT_FOUND", "zz99");
      await expectError(downgrade(config, "base"), "REVISION_NOT_FOUND", "zz99");
      const cli = await cliHere(p.dir, ["current"]);
      expect(cli.code).toBe(2);
      expect(cli.stderr).toContain("zz99");
      await expectError(stamp(config, ["aa00"]), "REVISION_NOT_FOUND", "zz99");
      await stamp(config, ["aa00"], { purge: true });
      await expectState(["aa00"], []);

      // A database that never had a version table: stamp creates it.
      await conn.execute("DROP TABLE athanor_version");
      await stamp(config, ["heads"]);
      await expectState(["fn04"], []);
      await stamp(config, ["base"], { purge: true });
      await expectState([], []);
    });

    it("reports current, heads, branches, history and show (text and --json)", async (ctx) => {
      if (!db) return ctx.skip();
      await upgrade(config, "dx02");
      await expectState(["dx02"], ["aa00", "bx01", "dx02"]);

      const hist = await history(config);
      expect(ids(hist)).toEqual(["fn04", "em03", "dx02", "bx01", "cy01", "aa00"]);
      const range = await history(config, { range: "bx01:em03" });
      expect(ids(range)).toEqual(["em03", "dx02", "bx01"]);
      const marked = await history(config, { range: "current:", indicateCurrent: true });
      expect(marked.filter((r) => r.isCurrent).map((r) => r.revision)).toEqual(["dx02"]);
      expect(ids(marked)).toEqual(["fn04", "em03", "dx02"]);
      const points = await branches(config);
      expect(points.map((b) => [b.revision.revision, ids(b.branchesInto)])).toEqual([["aa00", ["bx01", "cy01"]]]);
      const shown = await show(config, "yb");
      expect(shown.map((r) => [r.revision, r.branchLabels, r.downRevisions])).toEqual([["cy01", ["yb"], ["aa00"]]]);
      // After the merge, both labels' lines lead to the same head.
      expect(ids(await show(config, "yb@head"))).toEqual(["fn04"]);
      expect(ids(await show(config, "current"))).toEqual(["dx02"]);
      expect(ids(await show(config, "em"))).toEqual(["em03"]);

      // The CLI: the same, as text and as JSON.
      const cur = await p.run(["current"]);
      expect(cur.code, cur.stderr).toBe(0);
      expect(cur.stdout.trim()).toBe("dx02 (xb) (current)");
      const curJson = JSON.parse((await cliHere(p.dir, ["current", "--json"])).stdout);
      expect(curJson).toMatchObject({ rows: ["dx02"], atHeads: false, revisions: [{ revision: "dx02", isCurrent: true }] });
      const checkHeads = await cliHere(p.dir, ["current", "--check-heads"]);
      expect(checkHeads.code).toBe(1);
      expect(checkHeads.stderr).toContain("not at the heads");
      if (dialectName !== "sqlite") return; // the rest reads only the files: once is enough

      // In-process (src/cli/main.ts), to spare a process start per command.
      const hd = await cliHere(p.dir, ["heads"]);
      expect(hd).toEqual({ code: 0, stdout: "fn04 (xb, yb) (head)\n", stderr: "" });
      const br = await cliHere(p.dir, ["branches"]);
      expect(br.stdout).toBe("aa00 (branchpoint)\n     -> bx01 (xb)\n     -> cy01 (yb)\n\n");
      const hi = await cliHere(p.dir, ["history", "-r", "dx02:"]);
      expect(hi.stdout).toBe([
        "em03 -> fn04 (xb, yb) (head), after the merge",
        "cy01, dx02 -> em03 (xb, yb) (mergepoint), join the branches",
        "bx01 -> dx02 (xb), rev dx02",
        "",
      ].join("\n"));
      const hiJson = JSON.parse((await cliHere(p.dir, ["--json", "history"])).stdout);
      expect(hiJson.map((r: { revision: string }) => r.revision)).toEqual(["fn04", "em03", "dx02", "bx01", "cy01", "aa00"]);
      const sh = await cliHere(p.dir, ["show", "em03"]);
      expect(sh.stdout).toContain("Rev: em03 (mergepoint)\nMerges: cy01, dx02\n");
      expect(sh.stdout).toContain("join the branches");
      const brJson = JSON.parse((await cliHere(p.dir, ["branches", "--json"])).stdout);
      expect(brJson[0].branchesInto.map((r: { revision: string }) => r.revision)).toEqual(["bx01", "cy01"]);
      const bad = await p.run(["show", "zzz"]);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain(`no revision or branch label "zzz"`);
    });

    it("a dependency's row is absorbed by its dependent and comes back when that is unapplied", async (ctx) => {
      if (!db) return ctx.skip();
      const gz = await revision(config, { revId: "gz01", head: "base", branchLabel: ["gz"], dependsOn: ["yb"], message: "needs yb" });
      expect(readFileSync(gz.path!, "utf8")).toContain(`export const dependsOn: string[] | null = ["yb"];`);
      giveTable(gz.path!, "gz01");
      expect(ids(await heads(config))).toEqual(["fn04", "gz01"]);
      await upgrade(config, "gz@head");
      await expectState(["dx02", "gz01"], ["aa00", "bx01", "cy01", "dx02", "gz01"]);
      expect(ids((await current(config)).revisions)).toEqual(["cy01", "dx02", "gz01"]);
      await downgrade(config, "gz@base");
      await expectState(["cy01", "dx02"], ["aa00", "bx01", "cy01", "dx02"]);
      await upgrade(config, "heads");
      await expectState(["fn04", "gz01"], [...IDS]);
      await downgrade(config, "base");
      await expectState([], []);
    });
  });
}

/** A header-only revision file, for graphs that need no database. */
function bareRevision(id: string, down: string | string[] | null, extra = ""): string {
  return `export const revision = "${id}";\nexport const downRevision = ${JSON.stringify(down)};\n${extra}`;
}

describe("revision placement and graph errors (files only)", () => {
  let p: TempProject;
  let config: ResolvedConfig;
  const ids = (infos: readonly { revision: string }[]) => infos.map((r) => r.revision);
  const fileOf = (r: { path: string | null }) => readFileSync(r.path!, "utf8");

  beforeAll(() => {
    p = tempProject();
    const url = "sqlite:///" + join(p.dir, "unused.sqlite");
    p.write("athanor.config.ts", `export default { url: ${JSON.stringify(url)}, scriptLocation: "migrations", versionLocations: ["net_versions"] };\n`);
    p.write("migrations/versions/.keep", "");
    p.write("net_versions/.keep", "");
    config = resolveConfig({ url, scriptLocation: "migrations", versionLocations: ["net_versions"] }, join(p.dir, "athanor.config.ts"), new ModuleLoader());
  });
  afterAll(() => p?.remove());

  it("places revisions: new roots, --depends-on, --version-path, and refuses bad ids, labels and templates", async () => {
    await expectError(revision(config, { revId: "abc123" }), "USAGE", "several version locations", "--version-path");
    const first = await revision(config, { revId: "abc123", versionPath: "migrations/versions" });
    expect(first.path).toBe(join(p.dir, "migrations", "versions", "abc123.ts"));
    // Beside its parent when there are several locations.
    const second = await revision(config, { revId: "abd456", message: "second" });
    expect(second.path).toBe(join(p.dir, "migrations", "versions", "abd456_second.ts"));
    await expectError(revision(config, { revId: "x1", versionPath: "elsewhere" }), "USAGE", "not one of the version locations", "net_versions");

    const net = await revision(config, { revId: "net001", head: "base", branchLabel: ["net"], versionPath: "net_versions", message: "networking" });
    expect(net.path).toBe(join(p.dir, "net_versions", "net001_networking.ts"));
    expect(fileOf(net)).toContain("export const downRevision: string | string[] | null = null;");
    // A label stays a label (it follows the branch); a prefix becomes the full id.
    const dep = await revision(config, { revId: "net002", head: "net@head", dependsOn: ["net", "abd"], message: "needs both" });
    expect(dep.path).toBe(join(p.dir, "net_versions", "net002_needs_both.ts"));
    expect(fileOf(dep)).toContain(`export const dependsOn: string[] | null = ["net","abd456"];`);
    expect(fileOf(dep)).toContain(`export const downRevision: string | string[] | null = "net001";`);
    expect(ids(await heads(config))).toEqual(["abd456", "net002"]);

    await expectError(revision(config, { head: "abc123", revId: "q1" }), "USAGE", "abc123 is not a head");
    await expectError(revision(config, { head: "heads", revId: "q1", dependsOn: ["current"] }), "USAGE", "current");
    await expectError(revision(config, { head: "net@head", revId: "a-b" }), "USAGE", `contains "-"`);
    await expectError(revision(config, { head: "net@head", revId: "q1", branchLabel: ["head"] }), "USAGE", "reserved");
    await expectError(revision(config, { head: "ab", revId: "q1" }), "REVISION_AMBIGUOUS", "abc123", "abd456");
    await expectError(merge(config, ["heads"], { revId: "q1", branchLabel: ["net"] }), "DUPLICATE_REVISION", `"net" is already used by revision net001`);

    // A project template that leaves out a field: refused before anything is written.
    p.write("migrations/script.ts.tmpl", `export const revision = \${revisionLiteral};\nexport const downRevision = \${downRevision};\n`);
    await expectError(revision(config, { head: "net@head", revId: "q1", branchLabel: ["tagged"] }), "TEMPLATE", "branchLabels");
    const m = await merge(config, ["heads"], { revId: "mm01" });
    expect(fileOf(m)).toBe(`export const revision = "mm01";\nexport const downRevision = ["abd456","net002"];\n`);
    expect(p.versions()).toEqual(["abc123.ts", "abd456_second.ts", "mm01_merge_abd456_net002.ts"]);
  });

  it("lists heads and history from the headers alone, never importing a revision, and caches them", async () => {
    const lazy = tempProject();
    try {
      lazy.write("athanor.config.ts", `export default { scriptLocation: "migrations" };\n`);
      const boom = `\nthrow new Error("imported!");\n`;
      lazy.write("migrations/versions/l1_first.ts", `/** first */\n${bareRevision("l1", null)}${boom}`);
      lazy.write("migrations/versions/l2_second.ts", `/** second */\n${bareRevision("l2", "l1")}${boom}`);
      const hd = await cliHere(lazy.dir, ["heads"]);
      expect(hd).toEqual({ code: 0, stdout: "l2 (head)\n", stderr: "" });
      const hi = await cliHere(lazy.dir, ["history"]);
      expect(hi.stdout).toBe("l1 -> l2 (head), second\n<base> -> l1, first\n");
      const cache = JSON.parse(lazy.read("migrations/.athanor-cache/headers.json"));
      expect(JSON.stringify(cache)).toContain("l2_second.ts");
    } finally {
      lazy.remove();
    }
  });

  it("exits 2 naming the files for a duplicate id, a missing parent, a cycle and an unreadable header", async () => {
    const bad = tempProject();
    try {
      bad.write("athanor.config.ts", `export default { scriptLocation: "migrations" };\n`);
      const heads = () => cliHere(bad.dir, ["heads"]);
      bad.write("migrations/versions/d1_a.ts", bareRevision("d1", null));
      bad.write("migrations/versions/d1_b.ts", bareRevision("d1", null));
      let r = await heads();
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(/revision "d1" is defined twice: in .*d1_a\.ts and in .*d1_b\.ts/);

      bad.write("migrations/versions/d1_b.ts", bareRevision("d2", "nope"));
      r = await heads();
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(/d1_b\.ts: downRevision names "nope"/);

      bad.write("migrations/versions/d1_a.ts", bareRevision("d1", "d2"));
      bad.write("migrations/versions/d1_b.ts", bareRevision("d2", "d1"));
      r = await heads();
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain("cycle: d1 -> d2 -> d1");

      bad.write("migrations/versions/d1_b.ts", `export const revision = "d2";\nexport const downRevision = computeIt();\n`);
      const cli = await bad.run(["history"]);
      expect(cli.code).toBe(2);
      expect(cli.stderr).toContain("d1_b.ts");
      expect(cli.stderr).toContain("read without being run");
    } finally {
      bad.remove();
    }
  });
});
