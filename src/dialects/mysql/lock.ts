/**
 * The migration lock: GET_LOCK, which belongs to the session and ends with it. Lock names are
 * server-wide, so the name includes the database; MySQL caps them at 64 characters, hence the hash.
 */
import { createHash } from "node:crypto";
import type { Connection, MigrationLock } from "../dialect.js";

/** GET_LOCK treats a negative timeout as "wait forever". */
const FOREVER = -1;

export async function acquireLock(conn: Connection, name: string, timeoutMs: number): Promise<MigrationLock | null> {
  const [db] = await conn.query<{ db: string | null }>("SELECT DATABASE() AS db");
  const key = `athanor:${createHash("sha256").update(`${db?.db ?? ""}\0${name}`).digest("hex").slice(0, 40)}`;
  const seconds = Number.isFinite(timeoutMs) ? Math.max(0, timeoutMs) / 1000 : FOREVER;
  const [row] = await conn.query<{ got: number | string | null }>("SELECT GET_LOCK(?, ?) AS got", [key, seconds]);
  if (Number(row?.got) !== 1) return null;
  return {
    async release() {
      await conn.query("SELECT RELEASE_LOCK(?)", [key]).catch(() => undefined);
    },
  };
}
