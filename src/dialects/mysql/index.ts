/** The MySQL/MariaDB dialect: the database is the schema, DDL commits as it runs. */
import type { Dialect } from "../dialect.js";
import { compile } from "./ddl.js";
import { acquireLock } from "./lock.js";
import { listLeftovers } from "./leftovers.js";
import { normalizeDefault } from "./defaults.js";
import { connect, createScratchDatabase } from "./driver.js";
import { normalizeExpression } from "./expression.js";
import { introspect } from "./introspect.js";
import { literal, quoteIdentifier } from "./sql-text.js";
import { renderType, typesEqual } from "./types.js";

export const mysqlDialect: Dialect = {
  name: "mysql",
  transactionalDdl: false,
  namedEnums: false,
  keepsPrimaryKeyNames: false,
  prefersBatch: false,
  supportsComments: true,
  defaultSchema: null,
  async currentSchema(conn) {
    const rows = await conn.query<{ db: string | null }>("SELECT DATABASE() AS db");
    return rows[0]?.db ?? null;
  },
  connect,
  introspect,
  compile,
  quoteIdentifier,
  literal,
  renderType,
  typesEqual,
  normalizeDefault,
  normalizeExpression,
  begin: "START TRANSACTION",
  commit: "COMMIT",
  rollback: "ROLLBACK",
  acquireLock,
  createScratchDatabase,
  listLeftovers,
};
