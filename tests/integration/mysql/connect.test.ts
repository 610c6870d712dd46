/** Connection failures are CONNECTION errors that name the server and never show the password. */
import { describe, expect, it } from "vitest";
import { parseDatabaseUrl } from "../../../src/config/url.js";
import { AthanorError } from "../../../src/errors.js";
import { loadDialect } from "../../../src/dialects/index.js";
import { SERVER_URLS, serverAvailable } from "../../support/databases.js";

const available = await serverAvailable("mysql");
const PASSWORD = "Sup3r-s3cret!pw";

async function connectError(url: string): Promise<AthanorError> {
  const dialect = await loadDialect("mysql");
  const err = await dialect.connect(parseDatabaseUrl(url)).then(
    async (c) => { await c.close(); return null; },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AthanorError);
  return err as AthanorError;
}

describe.skipIf(!available)("mysql connect", () => {
  const server = new URL(SERVER_URLS.mysql.replace(/^mysql:/, "http:"));
  const host = server.hostname;
  const port = server.port || "3306";

  it("wrong user and password", async () => {
    const err = await connectError(`mysql://no_such_user_x:${encodeURIComponent(PASSWORD)}@${host}:${port}/test`);
    expect(err.code).toBe("CONNECTION");
    expect(err.message).toContain(host);
    expect(err.message).toContain("no_such_user_x");
    expect(err.message).not.toContain(PASSWORD);
    expect(JSON.stringify(err)).not.toContain(PASSWORD);
  });

  it("wrong password for a real user", async () => {
    const err = await connectError(`mysql://root:${encodeURIComponent(PASSWORD)}@${host}:${port}/test`);
    expect(err.code).toBe("CONNECTION");
    expect(err.message).not.toContain(PASSWORD);
  });

  it("a port where nothing listens, and a host that does not resolve", async () => {
    const closed = await connectError(`mysql://root:${encodeURIComponent(PASSWORD)}@127.0.0.1:1/test`);
    expect(closed.code).toBe("CONNECTION");
    expect(closed.message).toContain("127.0.0.1:1");
    expect(closed.message).not.toContain(PASSWORD);
    const unknown = await connectError(`mysql://root:${encodeURIComponent(PASSWORD)}@no-such-host.invalid/test`);
    expect(unknown.code).toBe("CONNECTION");
    expect(unknown.message).toContain("no-such-host.invalid");
    expect(unknown.message).not.toContain(PASSWORD);
  });

  it("a database that does not exist is named", async () => {
    const err = await connectError(`mysql://root@${host}:${port}/athanor_missing_db`);
    expect(err.code).toBe("CONNECTION");
    expect(err.message).toContain("athanor_missing_db");
  });

  it("scratch databases are created and dropped", async () => {
    const dialect = await loadDialect("mysql");
    const scratch = await dialect.createScratchDatabase(parseDatabaseUrl(SERVER_URLS.mysql), "Athanor_T");
    expect(scratch.url.database).toMatch(/^athanor_t_[0-9a-f]+$/);
    const conn = await dialect.connect(scratch.url);
    const [row] = await conn.query<{ db: string; cs: string }>("SELECT DATABASE() AS db, @@character_set_database AS cs");
    expect(row).toEqual({ db: scratch.url.database, cs: "utf8mb4" });
    await conn.close();
    await scratch.drop();
    await expect(dialect.connect(scratch.url)).rejects.toMatchObject({ code: "CONNECTION" });
  });
});
