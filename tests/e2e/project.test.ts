/**
 * What a new user meets in their own project (SQLite, so no server is needed): CommonJS and
 * ESM projects, tsconfig paths, generated files that pass tsc --strict, post-write hooks,
 * empty revisions, every upgrade/downgrade target form, -v, and the library API.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { configFile, REPO_ROOT, tempProject, type TempProject } from "../support/project.js";

const TABLES = `import { MetaData, table, integer, varchar, text } from "athanor";

export const metadata = new MetaData();
export const authors = table(metadata, "authors", { id: integer().primaryKey(), name: varchar(80).notNull() });
`;
const MORE = `export const books = table(metadata, "books", {
  id: integer().primaryKey(),
  title: text().notNull(),
  authorId: integer("author_id").references("authors.id", { onDelete: "CASCADE" }),
});
`;

function tsc(dir: string): { status: number | null; output: string } {
  const r = spawnSync(process.execPath, [join(REPO_ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", dir, "--noEmit"], { encoding: "utf8" });
  return { status: r.status, output: r.stdout + r.stderr };
}

describe("a CommonJS project with tsconfig paths", () => {
  let p: TempProject;
  beforeAll(() => {
    p = tempProject({ type: "commonjs" });
    p.write("tsconfig.json", JSON.stringify({ compilerOptions: { strict: true, module: "nodenext", moduleResolution: "nodenext", baseUrl: ".", paths: { "@db/*": ["db/*"] } } }));
    p.write("db/tables.ts", TABLES);
    p.write("models.ts", `export { metadata } from "@db/tables";\n`);
  });
  afterAll(() => p.remove());

  it("loads config and models through the paths, and the generated revision passes tsc --strict", async () => {
    expect((await p.run(["init", "migrations"])).code).toBe(0);
    p.write("athanor.config.ts", configFile("sqlite:///app.db", `\n  postWriteHooks: ["node -e \\"require('fs').appendFileSync(process.argv[1], '// hooked\\\\n')\\""],`));
    const gen = await p.run(["revision", "--autogenerate", "-m", "authors"]);
    expect(gen.code, gen.stderr).toBe(0);
    const file = p.read(join("migrations", "versions", p.versions()[0]!));
    expect(file).toContain(`op.createTable("authors"`);
    expect(file.trimEnd().endsWith("// hooked")).toBe(true);
    const up = await p.run(["upgrade", "head"]);
    expect(up.code, up.stderr).toBe(0);
    const checked = tsc(p.dir);
    expect(checked.output).toBe("");
    expect(checked.status).toBe(0);
  });
});

describe("an ESM project", () => {
  let p: TempProject;
  const revs: string[] = [];
  beforeAll(async () => {
    p = tempProject();
    p.write("tsconfig.json", JSON.stringify({ compilerOptions: { strict: true, module: "nodenext", moduleResolution: "nodenext" } }));
    await p.run(["init", "migrations"]);
    p.write("athanor.config.ts", configFile("sqlite:///app.db"));
    p.write("models.ts", TABLES);
  });
  afterAll(() => p.remove());

  const revOf = (text: string) => /export const revision = "(\w+)"/.exec(text)![1]!;

  it("lists the init templates", async () => {
    const r = await p.run(["list-templates"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^generic\s+Generic single-database configuration/m);
  });

  it("writes an empty revision without --autogenerate, and three revisions chain", async () => {
    let r = await p.run(["revision", "--autogenerate", "-m", "authors"]);
    expect(r.code, r.stderr).toBe(0);
    revs.push(revOf(p.read(join("migrations", "versions", p.versions()[0]!))));
    await p.run(["upgrade", "head"]);
    p.write("models.ts", TABLES + MORE);
    r = await p.run(["revision", "--autogenerate", "-m", "books", "--rev-id", "bbbbbbbbbbbb"]);
    expect(r.code, r.stderr).toBe(0);
    revs.push("bbbbbbbbbbbb");
    r = await p.run(["revision", "-m", "hand written"]);
    expect(r.code, r.stderr).toBe(0);
    const empty = p.read(join("migrations", "versions", p.versions().find((f) => f.includes("hand_written"))!));
    expect(empty).toContain(`export const downRevision: string | string[] | null = "bbbbbbbbbbbb"`);
    expect(empty).toMatch(/export async function upgrade\(op: Operations\): Promise<void> \{\n\s+\/\/ nothing to do\n\}/);
    revs.push(revOf(empty));
    expect(tsc(p.dir).status).toBe(0);
  });

  it("upgrades +1, to a revision prefix, downgrades to a revision and -1, echoing SQL with -v", async () => {
    const current = async () => (await p.run(["current"])).stdout;
    let r = await p.run(["upgrade", "+1"]);
    expect(r.code, r.stderr).toBe(0);
    expect(await current()).toContain("bbbbbbbbbbbb");
    r = await p.run(["-v", "upgrade", revs[2]!.slice(0, 6)]);
    expect(r.code, r.stderr).toBe(0);
    expect(await current()).toContain(revs[2]);
    r = await p.run(["downgrade", revs[0]!]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain("Running downgrade");
    expect(await current()).toContain(revs[0]);
    r = await p.run(["-v", "upgrade", "head"]);
    expect(r.stderr).toMatch(/CREATE TABLE "?books"?/);
    r = await p.run(["downgrade", "-1"]);
    expect(await current()).toContain("bbbbbbbbbbbb");
    r = await p.run(["heads"]);
    expect(r.stdout).toContain(revs[2]);
  });

  it("offers the commands as library functions", async () => {
    const api = await import(pathToFileURL(join(REPO_ROOT, "dist", "index.js")).href);
    const cfg = { configFile: join(p.dir, "athanor.config.ts"), cwd: p.dir };
    const before = await api.current(cfg);
    expect(before.revisions.map((r: { revision: string }) => r.revision)).toEqual(["bbbbbbbbbbbb"]);
    const up = await api.upgrade(cfg, "head");
    expect(up.steps.map((s: { revision: string }) => s.revision)).toEqual([revs[2]]);
    const down = await api.downgrade(cfg, "base");
    expect(down.steps).toHaveLength(3);
    expect((await api.current(cfg)).revisions).toEqual([]);
    const check = await api.checkCommand(cfg).catch((e: Error) => e);
    expect(check).toBeInstanceOf(Error);
    expect((check as Error).message).toContain("not up to date");
  });
});
