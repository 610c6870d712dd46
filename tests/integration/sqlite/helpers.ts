/** Shared steps of the SQLite integration tests: a scratch file, an online compile context, running ops. */
import type { CompileContext, Connection, Dialect } from "../../../src/dialects/dialect.js";
import type { Op } from "../../../src/operations/types.js";
import type { ColumnSnapshot, TableSnapshot } from "../../../src/snapshot/types.js";
import { scratchDatabase, type Scratch } from "../../support/databases.js";

export interface Db {
  readonly scratch: Scratch;
  readonly dialect: Dialect;
  readonly conn: Connection;
  close(): Promise<void>;
}

export async function openScratch(): Promise<Db> {
  const scratch = await scratchDatabase("sqlite", "athanor_sqlite");
  const conn = await scratch.dialect.connect(scratch.url);
  return {
    scratch, dialect: scratch.dialect, conn,
    async close() { await conn.close(); await scratch.drop(); },
  };
}

export function onlineContext(db: Db): CompileContext {
  return {
    offline: false,
    async reflectTable(ref) {
      const snap = await db.dialect.introspect(db.conn, { schemas: [ref.schema] });
      return snap.tables.find((t) => t.name === ref.table) ?? null;
    },
  };
}

/** Run statements one by one in a transaction, rolling back on the first failure. */
export async function runInTransaction(db: Db, statements: readonly string[]): Promise<void> {
  await db.conn.execute(db.dialect.begin);
  try {
    for (const s of statements) await db.conn.execute(s);
    await db.conn.execute(db.dialect.commit);
  } catch (e) {
    await db.conn.execute(db.dialect.rollback);
    throw e;
  }
}

/** Compile an op and run its statements the way the runner does: one by one, in a transaction. */
export async function run(db: Db, op: Op, ctx: CompileContext = onlineContext(db)): Promise<string[]> {
  const statements = await db.dialect.compile(op, ctx);
  await runInTransaction(db, statements);
  return statements;
}

export async function reflect(db: Db, name: string): Promise<TableSnapshot | undefined> {
  return (await db.dialect.introspect(db.conn)).tables.find((t) => t.name === name);
}

export function col(name: string, type: ColumnSnapshot["type"], more: Partial<ColumnSnapshot> = {}): ColumnSnapshot {
  return { name, type, nullable: true, default: null, autoincrement: false, comment: null, ...more };
}

export function table(name: string, columns: ColumnSnapshot[], more: Partial<TableSnapshot> = {}): TableSnapshot {
  return {
    schema: null, name, columns, primaryKey: null, foreignKeys: [], uniques: [], indexes: [], checks: [], comment: null, ...more,
  };
}

export async function rows(db: Db, sql: string): Promise<Record<string, unknown>[]> {
  return db.conn.query(sql);
}
