import type { Dialect, DialectName } from "./dialect.js";

/** Dialects load lazily so that a SQLite user never loads pg or mysql2. */
const LOADERS: Record<DialectName, () => Promise<Dialect>> = {
  postgresql: async () => (await import("./postgres/index.js")).postgresDialect,
  mysql: async () => (await import("./mysql/index.js")).mysqlDialect,
  sqlite: async () => (await import("./sqlite/index.js")).sqliteDialect,
};

export function loadDialect(name: DialectName): Promise<Dialect> {
  return LOADERS[name]();
}
