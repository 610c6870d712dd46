/**
 * Scratch databases for the benchmark, made through Athanor's own dialects (dist/): a
 * uniquely named database on the local PostgreSQL and MariaDB servers (CREATE DATABASE), a
 * temp file for SQLite. Every one is dropped by the harness, also when a step fails.
 */
import { REPO_ROOT } from "./paths.mjs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

export const DIALECTS = ["postgresql", "mysql", "sqlite"];
export const LABEL = { postgresql: "PostgreSQL", mysql: "MariaDB", sqlite: "SQLite" };

export const SERVER_URLS = {
  postgresql: process.env.ATHANOR_BENCH_PG_URL ?? process.env.ATHANOR_TEST_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/test",
  mysql: process.env.ATHANOR_BENCH_MYSQL_URL ?? process.env.ATHANOR_TEST_MYSQL_URL ?? "mysql://root@127.0.0.1:3306/test",
  sqlite: "sqlite:///:memory:",
};

async function dist(module) {
  return import(pathToFileURL(join(REPO_ROOT, "dist", module)).href);
}

export async function athanorApi() {
  const [{ loadDialect }, { parseDatabaseUrl }] = await Promise.all([dist("dialects/index.js"), dist("config/url.js")]);
  return { loadDialect, parseDatabaseUrl };
}

/** The URL as each tool spells it. Null where that tool has no driver for the dialect. */
export function urlsFor(url) {
  if (url.dialect === "sqlite") {
    return { athanor: `sqlite:///${url.database}`, sqlalchemy: `sqlite:///${url.database}`, drizzle: url.database };
  }
  const auth = url.user ? `${encodeURIComponent(url.user)}${url.password ? ":" + encodeURIComponent(url.password) : ""}@` : "";
  const hostPort = `${url.host}${url.port ? ":" + url.port : ""}`;
  const scheme = url.dialect === "postgresql" ? "postgresql" : "mysql";
  return {
    athanor: `${scheme}://${auth}${hostPort}/${url.database}`,
    sqlalchemy: `${url.dialect === "postgresql" ? "postgresql+psycopg2" : "mysql+pymysql"}://${auth}${hostPort}/${url.database}`,
    drizzle: `${scheme}://${auth}${hostPort}/${url.database}`,
  };
}

/** Whether the dialect's server answers; the reason when it does not. */
export async function serverStatus(dialectName) {
  if (dialectName === "sqlite") return { ok: true };
  const { loadDialect, parseDatabaseUrl } = await athanorApi();
  try {
    const dialect = await loadDialect(dialectName);
    const conn = await dialect.connect(parseDatabaseUrl(SERVER_URLS[dialectName]));
    await conn.close();
    return { ok: true };
  } catch (e) {
    return { ok: false, reason: e instanceof Error ? e.message : String(e) };
  }
}

/**
 * A fresh empty database; `drop()` removes it. Every scratch database made here is tracked so
 * that the harness can drop leftovers when it is interrupted.
 */
export async function scratchDatabase(dialectName, registry) {
  const { loadDialect, parseDatabaseUrl } = await athanorApi();
  const dialect = await loadDialect(dialectName);
  const s = await dialect.createScratchDatabase(parseDatabaseUrl(SERVER_URLS[dialectName]), "athanor_bench");
  let dropped = false;
  const db = {
    dialectName,
    url: s.url,
    urls: urlsFor(s.url),
    async drop() {
      if (dropped) return;
      dropped = true;
      registry?.delete(db);
      await s.drop();
    },
  };
  registry?.add(db);
  return db;
}
