/** Connections through mysql2, and scratch databases on the same server. */
import { randomBytes } from "node:crypto";
import type { Connection as MysqlConnection, ConnectionOptions } from "mysql2/promise";
import { requirePackage } from "../../require-package.js";
import type { Connection, DatabaseUrl, ScratchDatabase } from "../dialect.js";
import { scrubPassword } from "../../config/url.js";
import { AthanorError, messageOf } from "../../errors.js";
import { quoteIdentifier } from "./sql-text.js";

const { createConnection } = requirePackage("mysql2/promise") as typeof import("mysql2/promise");

const DEFAULT_PORT = 3306;

/** mysql2 options for a URL. Types come back as strings where JS numbers would lose precision. */
export function connectionOptions(url: DatabaseUrl): ConnectionOptions {
  const params = url.params;
  return {
    host: url.host ?? "localhost",
    port: url.port ?? DEFAULT_PORT,
    user: url.user ?? undefined,
    password: url.password ?? undefined,
    database: url.database ?? undefined,
    ...(params.socketPath || params.socket ? { socketPath: params.socketPath ?? params.socket } : {}),
    connectTimeout: params.connectTimeout ? Number(params.connectTimeout) : 10_000,
    multipleStatements: false,
    dateStrings: true,
    supportBigNumbers: true,
    bigNumberStrings: true,
    charset: "utf8mb4",
  };
}

function describe(url: DatabaseUrl): string {
  const where = `${url.host ?? "localhost"}:${url.port ?? DEFAULT_PORT}`;
  return `MySQL server ${where}${url.database ? `, database "${url.database}"` : ""}${url.user ? `, user "${url.user}"` : ""}`;
}

function wrap(raw: MysqlConnection, url: DatabaseUrl): Connection {
  const fail = (e: unknown, sql: string): AthanorError => {
    const message = scrubPassword(messageOf(e), url);
    return new AthanorError("DATABASE", `${message}\n  SQL: ${sql}`, { sql, cause: e });
  };
  return {
    async query<R>(sql: string, params?: readonly unknown[]): Promise<R[]> {
      try {
        const [rows] = params && params.length > 0 ? await raw.query(sql, params as unknown[]) : await raw.query(sql);
        return (Array.isArray(rows) ? rows : []) as R[];
      } catch (e) {
        throw fail(e, sql);
      }
    },
    async execute(sql: string): Promise<void> {
      try {
        await raw.query(sql);
      } catch (e) {
        throw fail(e, sql);
      }
    },
    async close(): Promise<void> {
      try {
        await raw.end();
      } catch {
        raw.destroy();
      }
    },
  };
}

export async function connect(url: DatabaseUrl): Promise<Connection> {
  let raw: MysqlConnection;
  try {
    raw = await createConnection(connectionOptions(url));
  } catch (e) {
    // No `cause`: driver errors can carry the connection config, password included.
    throw new AthanorError("CONNECTION", `cannot connect to ${describe(url)}: ${scrubPassword(messageOf(e), url)}`);
  }
  // An error on an idle connection must not crash the process; the next query reports it.
  raw.on("error", () => undefined);
  return wrap(raw, url);
}

export async function createScratchDatabase(url: DatabaseUrl, prefix: string): Promise<ScratchDatabase> {
  const name = `${prefix}_${randomBytes(6).toString("hex")}`.toLowerCase();
  const server: DatabaseUrl = { ...url, database: null };
  const admin = await connect(server);
  try {
    await admin.execute(`CREATE DATABASE ${quoteIdentifier(name)} CHARACTER SET utf8mb4`);
  } finally {
    await admin.close();
  }
  return {
    url: { ...url, database: name },
    async drop() {
      const conn = await connect(server);
      try {
        await conn.execute(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)}`);
      } finally {
        await conn.close();
      }
    },
  };
}
