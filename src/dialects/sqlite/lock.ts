/**
 * The migration lock. SQLite has no advisory locks, and any lock on the database file itself
 * would block the run's own writes, so the lock is an exclusive transaction on a small file
 * beside the database: the operating system drops it when the process dies.
 */
import type DatabaseModule from "better-sqlite3";
import { requirePackage } from "../../require-package.js";
import type { Connection, MigrationLock } from "../dialect.js";
import { AthanorError, messageOf } from "../../errors.js";

const Database = requirePackage("better-sqlite3") as typeof DatabaseModule;

/** Poll rather than use busy_timeout: the driver is synchronous and would block the event loop (and Ctrl-C). */
const POLL_MS = 50;

export function lockFileFor(databaseFile: string): string {
  return `${databaseFile}-athanor-lock`;
}

export async function acquireLock(conn: Connection, _name: string, timeoutMs: number): Promise<MigrationLock | null> {
  const [main] = (await conn.query<{ name: string; file: string }>("PRAGMA database_list")).filter((r) => r.name === "main");
  // An in-memory database is private to its connection: nothing else can run against it.
  if (!main?.file) return { release: async () => undefined };
  // The file is never deleted: a waiter holding the old file open would then lock a different file than a newcomer.
  const file = lockFileFor(main.file);
  let lockDb: DatabaseModule.Database;
  try {
    lockDb = new Database(file);
    lockDb.pragma("busy_timeout = 0");
  } catch (e) {
    throw new AthanorError("DATABASE", `cannot open the migration lock file "${file}": ${messageOf(e)}`, { cause: e });
  }
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      lockDb.exec("BEGIN EXCLUSIVE");
      return {
        async release() {
          lockDb.close();
        },
      };
    } catch (e) {
      const busy = (e as { code?: unknown }).code === "SQLITE_BUSY";
      if (!busy || Date.now() >= deadline) {
        lockDb.close();
        if (busy) return null;
        throw new AthanorError("DATABASE", `cannot lock "${file}": ${messageOf(e)}`, { cause: e });
      }
    }
    await new Promise((r) => setTimeout(r, Math.min(POLL_MS, Math.max(1, deadline - Date.now()))));
  }
}
