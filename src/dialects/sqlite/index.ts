/** The SQLite dialect (better-sqlite3). */
import type { Dialect } from "../dialect.js";
import { compile } from "./ddl.js";
import { acquireLock } from "./lock.js";
import { listLeftovers } from "./leftovers.js";
import { connect } from "./driver.js";
import { introspect } from "./introspect.js";
import { normalizeDefault, normalizeExpression } from "./normalize.js";
import { literal, quoteIdentifier } from "./quoting.js";
import { createScratchDatabase } from "./scratch.js";
import { renderType, typesEqual } from "./types.js";

export const sqliteDialect: Dialect = {
  name: "sqlite",
  transactionalDdl: true,
  namedEnums: false,
  keepsPrimaryKeyNames: false,
  prefersBatch: true,
  supportsComments: false,
  // A model may spell the main database out; tables in it compare as the default schema.
  defaultSchema: "main",
  connect,
  introspect,
  compile,
  quoteIdentifier,
  literal,
  renderType,
  typesEqual,
  normalizeDefault,
  normalizeExpression,
  // Migrations write: take the write lock up front, so a concurrent writer makes us wait
  // (busy timeout) instead of failing when a deferred transaction tries to upgrade its lock.
  begin: "BEGIN IMMEDIATE",
  commit: "COMMIT",
  rollback: "ROLLBACK",
  acquireLock,
  createScratchDatabase,
  listLeftovers,
};
