/** A scratch MariaDB/MySQL database with a connection, and small builders for snapshots. */
import type { CompileContext, Connection, Dialect } from "../../../src/dialects/dialect.js";
import type { Op } from "../../../src/operations/types.js";
import type { ColumnSnapshot, ColumnType, SchemaSnapshot, TableSnapshot } from "../../../src/snapshot/types.js";
import { scratchDatabase } from "../../support/databases.js";
import type { Scratch } from "../../support/databases.js";

export interface Db {
  readonly dialect: Dialect;
  readonly scratch: Scratch;
  readonly conn: Connection;
  readonly ctx: CompileContext;
  /** Compile an op, run its statements, return them. */
  run(op: Op): Promise<string[]>;
  reflect(): Promise<SchemaSnapshot>;
  /** One reflected table; fails when it is not there. */
  table(name: string): Promise<TableSnapshot>;
  close(): Promise<void>;
}

export async function openDb(prefix = "athanor_my"): Promise<Db> {
  const scratch = await scratchDatabase("mysql", prefix);
  const dialect = scratch.dialect;
  const conn = await dialect.connect(scratch.url);
  const reflect = () => dialect.introspect(conn);
  const ctx: CompileContext = {
    offline: false,
    async reflectTable(ref) {
      const snap = await dialect.introspect(conn, { schemas: [ref.schema] });
      return snap.tables.find((t) => t.name === ref.table) ?? null;
    },
  };
  return {
    dialect, scratch, conn, ctx, reflect,
    async run(op) {
      const statements = await dialect.compile(op, ctx);
      for (const sql of statements) await conn.execute(sql);
      return statements;
    },
    async table(name) {
      const t = (await reflect()).tables.find((x) => x.name === name);
      if (!t) throw new Error(`table ${name} not reflected`);
      return t;
    },
    async close() {
      await conn.close();
      await scratch.drop();
    },
  };
}

export function col(name: string, type: ColumnType, opts: Partial<Omit<ColumnSnapshot, "name" | "type">> = {}): ColumnSnapshot {
  return { name, type, nullable: true, default: null, autoincrement: false, comment: null, ...opts };
}

export function table(name: string, columns: ColumnSnapshot[], opts: Partial<Omit<TableSnapshot, "name" | "columns">> = {}): TableSnapshot {
  return {
    schema: null, name, columns, primaryKey: null, foreignKeys: [], uniques: [], indexes: [], checks: [], comment: null,
    ...opts,
  };
}

export const INT: ColumnType = { kind: "integer" };
export const varchar = (length: number | null): ColumnType => ({ kind: "varchar", length });
