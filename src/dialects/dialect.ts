import type { Op, TableRef } from "../operations/types.js";
import type { ColumnType, SchemaSnapshot, TableSnapshot } from "../snapshot/types.js";

export type DialectName = "postgresql" | "mysql" | "sqlite";

/** A parsed database URL. `password` must never be printed: use `redactUrl`. */
export interface DatabaseUrl {
  readonly dialect: DialectName;
  readonly host: string | null;
  readonly port: number | null;
  readonly user: string | null;
  readonly password: string | null;
  /** Database name; for SQLite the file path (absolute or relative to cwd) or ":memory:". */
  readonly database: string | null;
  readonly params: Readonly<Record<string, string>>;
}

/** One open connection. Every statement the tool runs goes through `query` or `execute`. */
export interface Connection {
  query<R = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<R[]>;
  /** Run one statement whose result is not needed (DDL, DML). */
  execute(sql: string): Promise<void>;
  close(): Promise<void>;
}

export interface IntrospectOptions {
  /** Schemas to read; null stands for the connection's default schema. Default: [null]. */
  readonly schemas?: readonly (string | null)[];
  /** Tables never to reflect (the version table, filtered objects). Called with schema null for the default schema. */
  readonly excludeTable?: (schema: string | null, name: string) => boolean;
}

/** What DDL compilation may ask of the world; offline runs cannot reflect. */
export interface CompileContext {
  /** Reflect one table as it is now (online), or null when offline / unknown. */
  reflectTable(ref: TableRef): Promise<TableSnapshot | null>;
  readonly offline: boolean;
  /**
   * Read catalog rows (online only; never used to write). Absent offline: a dialect that needs
   * more than one table's snapshot (SQLite's triggers, views, child tables) does without.
   */
  query?(sql: string, params?: readonly unknown[]): Promise<Record<string, unknown>[]>;
}

/** A held migration lock; `release` is safe to call once the connection is gone. */
export interface MigrationLock {
  release(): Promise<void>;
}

export interface ScratchDatabase {
  readonly url: DatabaseUrl;
  drop(): Promise<void>;
}

/** A schema object that is neither a table nor an index, named for "nothing left behind" checks. */
export interface LeftoverObject {
  /** What it is, in words: "sequence", "view", "enum type"… */
  readonly kind: string;
  readonly schema: string | null;
  readonly name: string;
}

/**
 * Everything that differs between databases lives behind this interface.
 * Nothing outside src/dialects/ branches on a dialect's name.
 */
export interface Dialect {
  readonly name: DialectName;
  /** DDL runs inside transactions and rolls back with them (PostgreSQL, SQLite). */
  readonly transactionalDdl: boolean;
  /** Named enum types exist apart from tables (PostgreSQL). */
  readonly namedEnums: boolean;
  /** The database keeps primary key constraint names (PostgreSQL). */
  readonly keepsPrimaryKeyNames: boolean;
  /** Table and column comments are stored (PostgreSQL, MySQL; not SQLite). */
  readonly supportsComments: boolean;
  /**
   * Table alterations go through op.batchAlterTable (SQLite: one move-and-copy per batch), so
   * autogenerate renders batch blocks by default and compile receives batch ops whole. Other
   * dialects get a batch's inner ops one by one.
   */
  readonly prefersBatch: boolean;
  /** Name of the default schema when one exists ("public"), else null. */
  readonly defaultSchema: string | null;
  /**
   * The connection's default schema when it depends on the connection (MySQL: the current
   * database), so that a model spelling it out compares as the default schema.
   */
  currentSchema?(conn: Connection): Promise<string | null>;

  connect(url: DatabaseUrl): Promise<Connection>;
  /** Reflect whole schemas with a fixed number of catalog queries, whatever the table count. */
  introspect(conn: Connection, options?: IntrospectOptions): Promise<SchemaSnapshot>;
  /** SQL statements for one operation, in order. */
  compile(op: Op, ctx: CompileContext): Promise<string[]>;

  quoteIdentifier(name: string): string;
  /** A SQL literal for a value (strings escaped, booleans, numbers, null, Date). */
  literal(value: unknown): string;
  /** The SQL spelling of a type in this dialect (used in DDL and in summaries). */
  renderType(type: ColumnType): string;

  /** True when a model's type and a reflected type mean the same column type here. */
  typesEqual(a: ColumnType, b: ColumnType): boolean;
  /** A canonical form of a server default so that equal defaults compare equal. */
  normalizeDefault(value: string | null, type: ColumnType): string | null;
  /** Canonical text of a CHECK or index predicate/expression, for comparison. */
  normalizeExpression(sql: string): string;

  /** Statements that open, commit and roll back a transaction. */
  readonly begin: string;
  readonly commit: string;
  readonly rollback: string;

  /**
   * Take the lock that serializes migration runs on this database (`name` tells version tables
   * apart), waiting up to `timeoutMs` (Infinity: no limit); null when another run still holds it.
   * The lock must die with the session or process holding it, so a crash never leaves it behind.
   */
  acquireLock(conn: Connection, name: string, timeoutMs: number): Promise<MigrationLock | null>;

  /** Create a uniquely named empty database on the same server (SQLite: a temp file). */
  createScratchDatabase(url: DatabaseUrl, prefix: string): Promise<ScratchDatabase>;

  /**
   * What `introspect` does not report but a downgrade to base must remove as well: sequences
   * and views, and types of any kind where types live apart from tables. Objects that belong to
   * a table (its indexes, a serial's sequence, a trigger) go with it and are not listed.
   */
  listLeftovers(conn: Connection): Promise<LeftoverObject[]>;
}
