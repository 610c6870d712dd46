/**
 * The PostgreSQL dialect (driver `pg`).
 */
import type { Dialect } from "../dialect.js";
import { compile } from "./ddl.js";
import { acquireLock } from "./lock.js";
import { listLeftovers } from "./leftovers.js";
import { connect } from "./driver.js";
import { DEFAULT_SCHEMA, introspect } from "./introspect.js";
import { createScratchDatabase } from "./scratch.js";
import { literal, normalizeDefault, normalizeExpression, quoteIdentifier, renderType, typesEqual } from "./types.js";

export const postgresDialect: Dialect = {
  name: "postgresql",
  transactionalDdl: true,
  namedEnums: true,
  keepsPrimaryKeyNames: true,
  prefersBatch: false,
  supportsComments: true,
  defaultSchema: DEFAULT_SCHEMA,
  connect,
  introspect,
  compile,
  quoteIdentifier,
  literal,
  renderType,
  typesEqual,
  normalizeDefault,
  normalizeExpression,
  begin: "BEGIN",
  commit: "COMMIT",
  rollback: "ROLLBACK",
  acquireLock,
  createScratchDatabase,
  listLeftovers,
};
