/**
 * Real databases for tests. Each test gets a uniquely named scratch database and drops it.
 * A server that does not answer fails the run under CI=true and is skipped loudly otherwise.
 */
import { parseDatabaseUrl } from "../../src/config/url.js";
import type { DatabaseUrl, Dialect, DialectName } from "../../src/dialects/dialect.js";
import { loadDialect } from "../../src/dialects/index.js";

export const SERVER_URLS: Record<DialectName, string> = {
  postgresql: process.env.ATHANOR_TEST_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/test",
  mysql: process.env.ATHANOR_TEST_MYSQL_URL ?? "mysql://root@127.0.0.1:3306/test",
  sqlite: "sqlite:///:memory:",
};

export const ALL_DIALECTS: readonly DialectName[] = ["postgresql", "mysql", "sqlite"];

const availability = new Map<DialectName, Promise<boolean>>();

/** True when the server for this dialect answers; throws under CI=true when it does not. */
export function serverAvailable(name: DialectName): Promise<boolean> {
  let p = availability.get(name);
  if (!p) {
    p = (async () => {
      if (name === "sqlite") return true;
      const dialect = await loadDialect(name);
      try {
        const conn = await dialect.connect(parseDatabaseUrl(SERVER_URLS[name]));
        await conn.close();
        return true;
      } catch (e) {
        if (process.env.CI) throw new Error(`${name} server is not answering (${String(e)}); CI requires it`);
        console.warn(`\n!!! SKIPPING ${name} tests: server not answering at ${SERVER_URLS[name]} (${String(e)})\n`);
        return false;
      }
    })();
    availability.set(name, p);
  }
  return p;
}

export interface Scratch {
  readonly dialect: Dialect;
  readonly url: DatabaseUrl;
  /** The URL as a string, for configs and the CLI. */
  readonly urlString: string;
  drop(): Promise<void>;
}

/** A fresh empty database on the dialect's server (SQLite: a temp file). */
export async function scratchDatabase(name: DialectName, prefix = "athanor_t"): Promise<Scratch> {
  const dialect = await loadDialect(name);
  const base = name === "sqlite" ? parseDatabaseUrl("sqlite:///:memory:") : parseDatabaseUrl(SERVER_URLS[name]);
  const s = await dialect.createScratchDatabase(base, prefix);
  return { dialect, url: s.url, urlString: urlToString(s.url), drop: () => s.drop() };
}

export function urlToString(u: DatabaseUrl): string {
  if (u.dialect === "sqlite") return `sqlite:///${u.database}`; // absolute path gives sqlite:////abs
  const auth = u.user ? `${encodeURIComponent(u.user)}${u.password ? ":" + encodeURIComponent(u.password) : ""}@` : "";
  return `${u.dialect}://${auth}${u.host}${u.port ? ":" + u.port : ""}/${u.database}`;
}
