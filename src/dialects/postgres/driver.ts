/**
 * The `pg` driver behind the Connection interface: URL → client options, typed errors.
 */
import type pgModule from "pg";
import { requirePackage } from "../../require-package.js";
import type { Connection, DatabaseUrl } from "../dialect.js";
import { AthanorError } from "../../errors.js";
import { scrubPassword } from "../../config/url.js";

const pg = requirePackage("pg") as typeof pgModule;

const DEFAULT_PORT = 5432;
const CONNECT_TIMEOUT_MS = 10_000;

export function clientOptions(url: DatabaseUrl): pgModule.ClientConfig {
  const sslmode = url.params["sslmode"];
  return {
    host: url.host ?? "localhost",
    port: url.port ?? DEFAULT_PORT,
    user: url.user ?? undefined,
    password: url.password ?? undefined,
    database: url.database ?? undefined,
    application_name: "athanor",
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    // Only an explicit `require` turns TLS on; certificates are not verified, as with libpq's require.
    ssl: sslmode === "require" ? { rejectUnauthorized: false } : undefined,
  };
}

/** host:port/db as user — what a connection message names; never the password. */
export function describeTarget(url: DatabaseUrl): string {
  const user = url.user ? ` as user "${url.user}"` : "";
  return `${url.host ?? "localhost"}:${url.port ?? DEFAULT_PORT}/${url.database ?? ""}${user}`;
}

export async function connect(url: DatabaseUrl): Promise<Connection> {
  const client = new pg.Client(clientOptions(url));
  // A server-side termination (e.g. DROP DATABASE … WITH (FORCE)) emits 'error' on an idle
  // client; without a listener it would crash the process. The next query reports it instead.
  client.on("error", () => undefined);
  try {
    await client.connect();
  } catch (e) {
    await client.end().catch(() => undefined);
    const reason = scrubPassword(describeError(e), url);
    throw new AthanorError("CONNECTION", `cannot connect to PostgreSQL at ${describeTarget(url)}: ${reason}`, {
      cause: new Error(reason),
    });
  }
  return wrap(client, url);
}

function wrap(client: pgModule.Client, url: DatabaseUrl): Connection {
  const run = async (sql: string, params?: readonly unknown[]): Promise<pgModule.QueryResult> => {
    try {
      return await client.query(sql, params ? [...params] : undefined);
    } catch (e) {
      const reason = scrubPassword(e instanceof Error ? e.message : String(e), url);
      throw new AthanorError("DATABASE", `${reason}\nSQL: ${sql}`, { sql, cause: e });
    }
  };
  return {
    async query<R = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<R[]> {
      return (await run(sql, params)).rows as R[];
    },
    async execute(sql: string): Promise<void> {
      await run(sql);
    },
    async close(): Promise<void> {
      await client.end().catch(() => undefined);
    },
  };
}

/** Node reports a refused connection to every address of a host as an AggregateError with an empty message. */
function describeError(e: unknown): string {
  if (e instanceof AggregateError && e.errors.length > 0) return e.errors.map(describeError).join("; ");
  if (e instanceof Error) {
    const code = (e as { code?: unknown }).code;
    return e.message || (typeof code === "string" ? code : e.name);
  }
  return String(e);
}
