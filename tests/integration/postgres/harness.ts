/**
 * Small helpers for the PostgreSQL integration tests: snapshot builders and running ops.
 */
import type { CompileContext, Connection, Dialect } from "../../../src/dialects/dialect.js";
import type { Op } from "../../../src/operations/types.js";
import type { ColumnSnapshot, ColumnType, TableSnapshot } from "../../../src/snapshot/types.js";

export const onlineContext: CompileContext = { offline: false, reflectTable: async () => null };

export function col(name: string, type: ColumnType, extra: Partial<ColumnSnapshot> = {}): ColumnSnapshot {
  return { name, type, nullable: true, default: null, autoincrement: false, comment: null, ...extra };
}

export function table(name: string, extra: Partial<TableSnapshot> & Pick<TableSnapshot, "columns">): TableSnapshot {
  return {
    schema: null, name, primaryKey: null, foreignKeys: [], uniques: [], indexes: [], checks: [], comment: null,
    ...extra,
  };
}

/** Compile one op and run its statements; returns the SQL that ran. */
export async function apply(dialect: Dialect, conn: Connection, op: Op): Promise<string[]> {
  const statements = await dialect.compile(op, onlineContext);
  for (const sql of statements) await conn.execute(sql);
  return statements;
}

export async function reflectTable(dialect: Dialect, conn: Connection, name: string, schema: string | null = null): Promise<TableSnapshot> {
  const snap = await dialect.introspect(conn, { schemas: [schema] });
  const t = snap.tables.find((x) => x.name === name && x.schema === schema);
  if (!t) throw new Error(`table ${name} not reflected; have ${snap.tables.map((x) => x.name).join(", ")}`);
  return t;
}
