/** Bad input: one clear line naming what is at fault, the right exit code, nothing half-written, no password. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { join } from "node:path";
import { serverAvailable } from "../support/databases.js";
import { configFile, tempProject, type TempProject } from "../support/project.js";

const MODELS = `import { MetaData, table, integer } from "athanor";
export const metadata = new MetaData();
export const t = table(metadata, "t", { id: integer().primaryKey() });
`;

describe("errors a user can make", () => {
  let p: TempProject;
  beforeAll(async () => {
    p = tempProject();
    await p.run(["init", "migrations"]);
    p.write("athanor.config.ts", configFile("sqlite:///app.db"));
    p.write("models.ts", MODELS);
  });
  afterAll(() => p.remove());

  it("no config file: exit 2 and how to make one", async () => {
    const empty = tempProject();
    try {
      const r = await empty.run(["current"]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("no athanor.config.ts found");
      expect(r.stderr).toContain("athanor init");
    } finally {
      empty.remove();
    }
  });

  it("a config module that throws: exit 2 naming the file and the error", async () => {
    const r = await p.run(["-c", "broken.config.ts", "current"], {});
    expect(r.code).toBe(2);
    p.write("broken.config.ts", `throw new Error("kaboom in config");\nexport default {};\n`);
    const r2 = await p.run(["-c", "broken.config.ts", "current"]);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toContain("broken.config.ts");
    expect(r2.stderr).toContain("kaboom in config");
    expect(r2.stderr).not.toContain("    at ");
  });

  it("a models module that throws: exit 2 naming the file, and no revision written", async () => {
    p.write("models.ts", `throw new Error("kaboom in models");\n`);
    const r = await p.run(["revision", "--autogenerate", "-m", "x"]);
    p.write("models.ts", MODELS);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("models.ts");
    expect(r.stderr).toContain("kaboom in models");
    expect(p.versions()).toEqual([]);
  });

  it("a malformed URL: exit 2, the password hidden", async () => {
    const r = await p.run(["--url", "postgresql://bob:s3cr3tpw@127.0.0.1:notaport/db", "current"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("malformed");
    expect(r.stderr + r.stdout).not.toContain("s3cr3tpw");
    const r2 = await p.run(["--url", "oracle://x@y/z", "current"]);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toContain("unsupported database URL scheme");
  });

  it("an unreachable database: exit 3, the password hidden, nothing written", async () => {
    const r = await p.run(["--url", "postgresql://bob:s3cr3tpw@127.0.0.1:1/db", "revision", "--autogenerate", "-m", "x"]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/127\.0\.0\.1/);
    expect(r.stderr + r.stdout).not.toContain("s3cr3tpw");
    expect(p.versions()).toEqual([]);
  });

  it("a wrong password (MariaDB): exit 3, the password hidden", async (ctx) => {
    if (!(await serverAvailable("mysql"))) return ctx.skip();
    const r = await p.run(["--url", "mysql://root:wr0ngpass@127.0.0.1:3306/test", "current"]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain("127.0.0.1");
    expect(r.stderr + r.stdout).not.toContain("wr0ngpass");
  });

  it("an unknown revision: exit 2 naming it", async () => {
    const r = await p.run(["upgrade", "nosuchrev"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("nosuchrev");
  });

  it("a revision file missing its exports: exit 2 naming the file", async () => {
    p.write("migrations/versions/aaaa_bad.ts", `export const revision = "aaaa";\nexport async function upgrade() {}\n`);
    const r = await p.run(["heads"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("aaaa_bad.ts");
    expect(r.stderr).toContain("downRevision");
    p.write("migrations/versions/aaaa_bad.ts", `export const revision = "aaaa";\nexport const downRevision = null;\n`);
    const r2 = await p.run(["upgrade", "head"]);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toContain("aaaa_bad.ts");
    expect(r2.stderr).toContain("upgrade");
  });

  it("a failing operation: exit 3 naming revision, operation and SQL, and the revision rolled back", async () => {
    p.write("migrations/versions/aaaa_bad.ts", `import type { Operations } from "athanor";
export const revision = "aaaa";
export const downRevision: string | null = null;
export async function upgrade(op: Operations): Promise<void> {
  await op.createTable("first", { id: { type: "integer", primaryKey: true } });
  await op.execute("CREATE TABLE broken (");
}
export async function downgrade(op: Operations): Promise<void> {
  await op.dropTable("first");
}
`);
    const r = await p.run(["upgrade", "head"]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain("aaaa");
    expect(r.stderr).toContain("operation execute");
    expect(r.stderr).toContain("CREATE TABLE broken (");
    const cur = await p.run(["current"]);
    expect(cur.stdout).toContain("<base>");
    const r2 = await p.run(["-v", "upgrade", "head"]);
    // "first" was rolled back with the failed revision, so creating it again is not what fails.
    expect(r2.stderr).toContain("CREATE TABLE broken (");
    expect(r2.stderr).not.toMatch(/first.*already exists/);
    expect(join(p.dir)).toBeTruthy();
  });
});
