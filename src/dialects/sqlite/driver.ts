/**
 * better-sqlite3 behind the async Connection interface. The driver is synchronous; each call
 * runs to completion before its promise settles, which keeps statement order exact.
 */
import type DatabaseModule from "better-sqlite3";
import { requirePackage } from "../../require-package.js";
import { existsSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { scrubPassword } from "../../config/url.js";
import type { Connection, DatabaseUrl } from "../dialect.js";
import { AthanorError, messageOf } from "../../errors.js";

const Database = requirePackage("better-sqlite3") as typeof DatabaseModule;
const BUSY_TIMEOUT_MS = 5000;

/** The file a URL names: ":memory:" stays as is, a relative path resolves against cwd. */
export function databaseFile(url: DatabaseUrl): string {
  const db = url.database ?? ":memory:";
  return db === ":memory:" || db === "" ? ":memory:" : resolve(process.cwd(), db);
}

export async function connect(url: DatabaseUrl): Promise<Connection> {
  const file = databaseFile(url);
  if (file !== ":memory:") {
    const dir = dirname(file);
    if (!existsSync(dir) || !statSync(dir).isDirectory()) {
      throw new AthanorError("CONNECTION", `cannot open SQLite database "${file}": directory "${dir}" does not exist`);
    }
  }
  let db: DatabaseModule.Database;
  try {
    db = new Database(file, { readonly: url.params.mode === "ro", fileMustExist: url.params.mode === "ro" });
  } catch (e) {
    throw new AthanorError("CONNECTION", `cannot open SQLite database "${file}": ${scrubPassword(messageOf(e), url)}`, { cause: e });
  }
  try {
    // better-sqlite3 turns foreign keys on; migrations rebuild tables by drop-and-rename, and an
    // enforced ON DELETE CASCADE would then delete the children's rows.
    db.pragma("foreign_keys = OFF");
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    // Reading the schema now turns "file is not a database" into a connect error.
    db.prepare("SELECT count(*) FROM sqlite_schema").get();
  } catch (e) {
    db.close();
    throw new AthanorError("CONNECTION", `cannot open SQLite database "${file}": ${scrubPassword(messageOf(e), url)}`, { cause: e });
  }
  return new SqliteConnection(db, url);
}

class SqliteConnection implements Connection {
  constructor(private readonly db: DatabaseModule.Database, private readonly url: DatabaseUrl) {}

  async query<R = Record<string, unknown>>(sql: string, params: readonly unknown[] = []): Promise<R[]> {
    try {
      const stmt = this.db.prepare(sql);
      const args = params.map(bindable);
      if (stmt.reader) return stmt.all(...args) as R[];
      stmt.run(...args);
      return [];
    } catch (e) {
      throw this.failure(e, sql);
    }
  }

  async execute(sql: string): Promise<void> {
    try {
      this.db.exec(sql);
    } catch (e) {
      throw this.failure(e, sql);
    }
  }

  async close(): Promise<void> {
    this.db.close();
  }

  private failure(e: unknown, sql: string): AthanorError {
    const message = scrubPassword(messageOf(e), this.url);
    return new AthanorError("DATABASE", `${message}\n  SQL: ${sql}`, { sql, cause: e });
  }
}

/** better-sqlite3 binds numbers, strings, bigints, buffers and null only. */
function bindable(v: unknown): unknown {
  if (v === undefined) return null;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (v instanceof Date) return v.toISOString();
  return v;
}
