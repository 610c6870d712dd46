/**
 * Checks that stop a batch from SQL itself, so they hold online and in --sql scripts alike:
 * rows of "problems" are inserted into a temporary view whose INSTEAD OF trigger raises, which
 * aborts the statement and lets the revision's transaction roll back.
 */
import { quoteIdentifier as q, quoteString } from "./quoting.js";

const VIEW = "_athanor_batch_check";
const TRIGGER = "_athanor_batch_raise";

export function openChecks(): string[] {
  return [
    // A leftover from a run that stopped outside a transaction would block the CREATE.
    `DROP VIEW IF EXISTS temp.${q(VIEW)}`,
    `CREATE TEMP VIEW ${q(VIEW)} AS SELECT NULL AS problem WHERE 0`,
  ];
}

export function closeChecks(): string[] {
  return [`DROP VIEW temp.${q(VIEW)}`];
}

/**
 * Fail when `problems` (a SELECT of one column, `problem`) returns a row. `fixed` replaces the
 * row's text: RAISE takes an expression only since SQLite 3.46, so scripts for any SQLite use it.
 */
export function failWhen(problems: string, fixed: string | null): string[] {
  const message = fixed === null ? "NEW.problem" : quoteString(fixed);
  return [
    `DROP TRIGGER IF EXISTS temp.${q(TRIGGER)}`,
    `CREATE TEMP TRIGGER ${q(TRIGGER)} INSTEAD OF INSERT ON ${q(VIEW)} BEGIN SELECT RAISE(ABORT, ${message}); END`,
    `INSERT INTO temp.${q(VIEW)} (problem) SELECT problem FROM (${problems}) LIMIT 1`,
  ];
}

/** Foreign keys ON inside the transaction would make DROP TABLE cascade into other tables. */
export function foreignKeysOffCheck(table: string): string[] {
  const message = `PRAGMA foreign_keys is ON: recreating "${table}" would fire ON DELETE CASCADE in the tables that point at it; `
    + "turn foreign keys off before the transaction begins (athanor's own connections do)";
  return failWhen(`SELECT ${quoteString(message)} AS problem FROM pragma_foreign_keys WHERE foreign_keys`, null);
}

export interface AfterCheck {
  readonly schema: string | null;
  readonly table: string;
  /** The tables whose foreign keys to check (the table and its children), or null: every table, filtered. */
  readonly tables: readonly string[] | null;
  /** Messages naming each row (SQLite ≥ 3.46), or one fixed message. */
  readonly detailed: boolean;
}

/** PRAGMA foreign_key_check and integrity_check after the copy: clean, or the batch fails. */
export function afterRecreateChecks(c: AfterCheck): string[] {
  const schema = quoteString(c.schema ?? "main");
  const table = quoteString(c.table);
  const fkRow = `'foreign key check failed after recreating "${c.table.split("'").join("''")}": row ' || coalesce(rowid, '?') || ' of "' || "table" || '" has no matching row in "' || parent || '"'`;
  const fkRows = c.tables === null
    ? `SELECT ${fkRow} AS problem FROM pragma_foreign_key_check(NULL, ${schema}) WHERE lower("table") = lower(${table}) OR lower(parent) = lower(${table})`
    : c.tables.map((t) => `SELECT ${fkRow} AS problem FROM pragma_foreign_key_check(${quoteString(t)}, ${schema})`).join(" UNION ALL ");
  const integrityRow = `'integrity_check failed after recreating "${c.table.split("'").join("''")}": ' || integrity_check`;
  const integrityRows = `SELECT ${integrityRow} AS problem FROM pragma_integrity_check(${table}, ${schema}) WHERE integrity_check <> 'ok'`;
  return [
    ...failWhen(fkRows, c.detailed ? null : `foreign key check failed after recreating "${c.table}": PRAGMA foreign_key_check lists the rows`),
    ...failWhen(integrityRows, c.detailed ? null : `integrity_check failed after recreating "${c.table}": PRAGMA integrity_check tells what`),
  ];
}
