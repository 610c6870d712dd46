/**
 * The migration lock: a session-level advisory lock, which PostgreSQL drops when the session
 * ends, so a crashed run cannot leave it behind.
 */
import { createHash } from "node:crypto";
import type { Connection, MigrationLock } from "../dialect.js";

const LOCK_NOT_AVAILABLE = "55P03";
/** How often the server checks that a client running a long statement is still there. */
const CLIENT_CHECK_MS = 1000;

/** A signed 64-bit advisory-lock key from the lock name (advisory keys are per database already). */
export function advisoryKey(name: string): string {
  return createHash("sha256").update(`athanor:${name}`).digest().readBigInt64BE(0).toString();
}

export async function acquireLock(conn: Connection, name: string, timeoutMs: number): Promise<MigrationLock | null> {
  const key = advisoryKey(name);
  // A killed client's backend otherwise keeps running its statement (a long pg_sleep, an index
  // build) with the lock held until the statement ends; PostgreSQL 14+ can notice sooner.
  await conn.execute(`SET client_connection_check_interval = ${CLIENT_CHECK_MS}`).catch(() => undefined);
  if (timeoutMs <= 0) {
    const [row] = await conn.query<{ got: boolean }>(`SELECT pg_try_advisory_lock(${key}) AS got`);
    return row?.got ? release(conn, key) : null;
  }
  // lock_timeout bounds advisory-lock waits too; 0 would mean "no limit", which Infinity asks for.
  const limit = Number.isFinite(timeoutMs) ? Math.max(1, Math.ceil(timeoutMs)) : 0;
  await conn.execute(`SET lock_timeout = ${limit}`);
  try {
    await conn.query(`SELECT pg_advisory_lock(${key})`);
    return release(conn, key);
  } catch (e) {
    if (sqlState(e) === LOCK_NOT_AVAILABLE) return null;
    throw e;
  } finally {
    await conn.execute("RESET lock_timeout").catch(() => undefined);
  }
}

function release(conn: Connection, key: string): MigrationLock {
  return {
    async release() {
      await conn.query(`SELECT pg_advisory_unlock(${key})`).catch(() => undefined);
    },
  };
}

function sqlState(e: unknown): string | undefined {
  for (let x: unknown = e; x instanceof Error; x = x.cause) {
    const code = (x as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code) && /\d/.test(code)) return code;
  }
  return undefined;
}
