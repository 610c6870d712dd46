import { mkdtempSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseDatabaseUrl } from "../../../src/config/url.js";
import { loadDialect } from "../../../src/dialects/index.js";
import { scratchDatabase } from "../../support/databases.js";

describe("sqlite connect", () => {
  it("a missing folder is a CONNECTION error naming the path", async () => {
    const d = await loadDialect("sqlite");
    const err = await d.connect(parseDatabaseUrl("sqlite:////nonexistent_athanor_dir/sub/app.db")).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: "AthanorError", code: "CONNECTION" });
    expect((err as Error).message).toContain("/nonexistent_athanor_dir/sub/app.db");
    expect(existsSync("/nonexistent_athanor_dir")).toBe(false);
  });

  it("a file that is not a database is a CONNECTION error, and no password ever shows", async () => {
    const d = await loadDialect("sqlite");
    const dir = mkdtempSync(join(tmpdir(), "athanor_sqlite_"));
    try {
      const file = join(dir, "garbage.db");
      writeFileSync(file, "this is not a database file at all, not even close ".repeat(40));
      const url = { ...parseDatabaseUrl(`sqlite:///${file}`), password: "s3cretPW" };
      const err = await d.connect(url).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: "CONNECTION" });
      expect((err as Error).message).toContain(file);
      expect((err as Error).message).not.toContain("s3cretPW");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a relative path resolves against the working directory; :memory: works", async () => {
    const d = await loadDialect("sqlite");
    const dir = mkdtempSync(join(tmpdir(), "athanor_sqlite_"));
    const cwd = process.cwd();
    try {
      process.chdir(dir);
      const conn = await d.connect(parseDatabaseUrl("sqlite:///rel.db"));
      await conn.execute("CREATE TABLE t (x INTEGER)");
      await conn.close();
      expect(existsSync(join(dir, "rel.db"))).toBe(true);
    } finally {
      process.chdir(cwd);
      rmSync(dir, { recursive: true, force: true });
    }
    const mem = await d.connect(parseDatabaseUrl("sqlite://:memory:"));
    expect(await mem.query("SELECT 1 + ? AS n", [1])).toEqual([{ n: 2 }]);
    await mem.close();
  });

  it("connections turn foreign keys off and wait on a busy database", async () => {
    const s = await scratchDatabase("sqlite");
    try {
      const conn = await s.dialect.connect(s.url);
      expect(await conn.query("PRAGMA foreign_keys")).toEqual([{ foreign_keys: 0 }]);
      expect(await conn.query("PRAGMA busy_timeout")).toEqual([{ timeout: 5000 }]);
      expect(await conn.query("CREATE TABLE t (x)")).toEqual([]);
      await conn.close();
    } finally {
      await s.drop();
    }
  });

  it("a scratch database is a fresh file under the temp folder that drop() removes", async () => {
    const s = await scratchDatabase("sqlite", "Athanor_Case");
    const file = s.url.database!;
    expect(file.startsWith(tmpdir())).toBe(true);
    expect(file).toMatch(/athanor_case_[0-9a-f]+\.db$/);
    const conn = await s.dialect.connect(s.url);
    await conn.execute("PRAGMA journal_mode = WAL");
    await conn.execute("CREATE TABLE t (x)");
    expect((await s.dialect.introspect(conn)).tables.map((t) => t.name)).toEqual(["t"]);
    await conn.close();
    await s.drop();
    expect(existsSync(file)).toBe(false);
    expect(existsSync(`${file}-wal`)).toBe(false);
  });
});
