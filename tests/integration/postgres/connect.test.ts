/**
 * Connection failures are AthanorError CONNECTION, name the target, and never show the password.
 */
import { describe, expect, it } from "vitest";
import { parseDatabaseUrl } from "../../../src/config/url.js";
import { isAthanorError } from "../../../src/errors.js";
import { postgresDialect } from "../../../src/dialects/postgres/index.js";
import { SERVER_URLS, scratchDatabase, serverAvailable } from "../../support/databases.js";

const available = await serverAvailable("postgresql");
const SECRET = "S3cr3t-pa55word";

async function connectError(raw: string): Promise<unknown> {
  try {
    const conn = await postgresDialect.connect(parseDatabaseUrl(raw));
    await conn.close();
  } catch (e) {
    return e;
  }
  throw new Error(`connecting to ${raw.replace(SECRET, "***")} unexpectedly succeeded`);
}

function expectConnectionError(e: unknown, mentions: string): void {
  expect(isAthanorError(e)).toBe(true);
  if (!isAthanorError(e)) return;
  expect(e.code).toBe("CONNECTION");
  expect(e.message).toContain(mentions);
  expect(e.message).not.toContain(SECRET);
  expect(String(e.cause ?? "")).not.toContain(SECRET);
  expect(e.stack ?? "").not.toContain(SECRET);
}

describe.skipIf(!available)("postgres connect", () => {
  it("a wrong user with a password", async () => {
    const e = await connectError(`postgresql://nobody_here:${SECRET}@127.0.0.1:5432/test`);
    expectConnectionError(e, "127.0.0.1:5432/test");
  });

  it("a database that does not exist", async () => {
    const e = await connectError(`postgresql://postgres:${SECRET}@127.0.0.1:5432/no_such_db_here`);
    expectConnectionError(e, "no_such_db_here");
  });

  it("a host that does not resolve", async () => {
    const e = await connectError(`postgresql://postgres:${SECRET}@no-such-host.invalid:5432/test`);
    expectConnectionError(e, "no-such-host.invalid");
  });

  it("a port nobody listens on", async () => {
    const e = await connectError(`postgresql://postgres:${SECRET}@127.0.0.1:1/test`);
    expectConnectionError(e, "127.0.0.1:1/test");
    const local = await connectError(`postgresql://postgres:${SECRET}@localhost:1/test`);
    expectConnectionError(local, "ECONNREFUSED");
  });

  it("a good URL connects as application 'athanor' and SQL errors are DATABASE errors with the SQL", async () => {
    const conn = await postgresDialect.connect(parseDatabaseUrl(SERVER_URLS.postgresql));
    try {
      const [row] = await conn.query<{ app: string }>("SELECT current_setting('application_name') AS app");
      expect(row?.app).toBe("athanor");
      const err = await conn.execute("SELEC 1").catch((e: unknown) => e);
      expect(isAthanorError(err) && err.code).toBe("DATABASE");
      expect(isAthanorError(err) && err.sql).toBe("SELEC 1");
      expect((err as Error).message).toContain("SELEC 1");
    } finally {
      await conn.close();
    }
  });

  it("scratch databases are created lowercase with the prefix and dropped", async () => {
    const s = await scratchDatabase("postgresql", "Athanor_Probe");
    expect(s.url.database).toMatch(/^athanor_probe_[0-9a-f]+$/);
    const admin = await postgresDialect.connect(parseDatabaseUrl(SERVER_URLS.postgresql));
    try {
      const exists = async (): Promise<boolean> =>
        (await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [s.url.database])).length === 1;
      expect(await exists()).toBe(true);
      const held = await postgresDialect.connect(s.url); // WITH (FORCE) must not wait for it
      await s.drop();
      expect(await exists()).toBe(false);
      await held.close();
    } finally {
      await admin.close();
    }
  });
});
