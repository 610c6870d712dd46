/**
 * AUTOGEN-CASES 19 through the built CLI: a run without a terminal never prompts (it would
 * hang), writes drop + add and warns naming the candidate; --rename gives the rename.
 */
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configFile, tempProject, type TempProject } from "../../support/project.js";

const models = (column: string) => `import { MetaData, table, integer, varchar } from "athanor";
export const metadata = new MetaData();
export const users = table(metadata, "users", { id: integer().primaryKey(), ${column}: varchar(50) });
`;

describe("revision --autogenerate with a rename candidate, from the CLI", () => {
  let project: TempProject;
  beforeAll(async () => {
    project = tempProject();
    // No init: revision falls back to the bundled template when migrations/ has none.
    mkdirSync(join(project.dir, "migrations", "versions"), { recursive: true });
    project.write("athanor.config.ts", configFile("sqlite:///app.db"));
    project.write("models.ts", models("name"));
    expect((await project.run(["revision", "--autogenerate", "-m", "users"])).code).toBe(0);
    expect((await project.run(["upgrade", "head"])).code).toBe(0);
    project.write("models.ts", models("full_name"));
  });
  afterAll(() => project?.remove());

  it("without a terminal: no prompt, drop + add, and a warning naming the candidate", async () => {
    const r = await project.run(["revision", "--autogenerate", "-m", "guess"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/warning: users\.full_name is added while users\.name is dropped.*--rename users\.name=full_name/);
    const file = project.versions().find((f) => f.includes("guess"))!;
    const text = readFileSync(join(project.dir, "migrations", "versions", file), "utf8");
    // SQLite revisions group a table's ops in batchAlterTable, whose methods take no table argument.
    expect(text).toMatch(/\.addColumn\((?:"users", )?"full_name"/);
    expect(text).toMatch(/\.dropColumn\((?:"users", )?"name"\)/);
  });

  it("with --rename users.name=full_name: alterColumn with newName", async () => {
    // The unhinted revision was never applied: take it away, as a user would.
    for (const f of project.versions().filter((v) => v.includes("guess"))) rmSync(join(project.dir, "migrations", "versions", f));
    const r = await project.run(["revision", "--autogenerate", "-m", "hinted", "--rename", "users.name=full_name"]);
    expect(r.stderr).not.toMatch(/warning/);
    const file = project.versions().find((f) => f.includes("hinted"));
    if (r.code !== 0 || !file) throw new Error(`revision failed: ${r.stderr}`);
    const text = readFileSync(join(project.dir, "migrations", "versions", file), "utf8");
    expect(text).toMatch(/\.alterColumn\((?:"users", )?"name", \{\s+newName: "full_name"/);
  });
});
