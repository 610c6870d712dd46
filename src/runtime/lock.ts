import type { Connection, Dialect } from "../dialects/dialect.js";
import { AthanorError } from "../errors.js";

export interface LockTarget {
  readonly dialect: Dialect;
  readonly conn: Connection;
  /** The redacted URL, for the timeout message. */
  readonly display: string;
}

export interface LockOptions {
  readonly timeoutSeconds: number;
  /** Called once when the lock is taken elsewhere and this run starts waiting. */
  readonly onWait?: () => void;
}

/** The lock's name: one lock per version table. */
export function lockName(table: { readonly schema: string | null; readonly name: string }): string {
  return `${table.schema ?? ""}.${table.name}`;
}

/**
 * Runs `fn` holding the migration lock for one version table, taken once per run and released
 * however `fn` ends. A second run waits here, then reads the version table afresh.
 */
export async function withMigrationLock<T>(
  db: LockTarget, table: { readonly schema: string | null; readonly name: string }, options: LockOptions, fn: () => Promise<T>,
): Promise<T> {
  const name = lockName(table);
  // A first try without waiting, so the caller can say why nothing seems to happen.
  let lock = await db.dialect.acquireLock(db.conn, name, 0);
  if (!lock && options.timeoutSeconds > 0) {
    options.onWait?.();
    lock = await db.dialect.acquireLock(db.conn, name, options.timeoutSeconds * 1000);
  }
  if (!lock) {
    throw new AthanorError("LOCK_TIMEOUT",
      `another athanor run holds the migration lock on ${db.display} (waited ${options.timeoutSeconds} s); ` +
      `try again when it has finished, or wait longer with --lock-timeout <seconds> (config: lockTimeout)`);
  }
  try {
    return await fn();
  } finally {
    await lock.release();
  }
}
