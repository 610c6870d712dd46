/**
 * A SQLite database the way an application leaves it (created by hand-written SQL, not by us):
 * thousands of rows, foreign keys pointing in and out, a cascading child, a self-reference,
 * AUTOINCREMENT with deleted rows, a collation, a deferrable key, indexes, a trigger and a view.
 * Ops run the way the runner runs them: compiled with an online context, in one transaction.
 */
import type { CompileContext } from "../../../src/dialects/dialect.js";
import { Operations, type OpSink } from "../../../src/operations/operations.js";
import { openScratch, type Db } from "./helpers.js";

export const PARENTS = 3000;
export const CHILDREN = 6000;
export const OWNERS = 50;

const SCHEMA = `
CREATE TABLE owner (id INTEGER PRIMARY KEY, label TEXT NOT NULL);
CREATE TABLE parent (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name VARCHAR(40) NOT NULL COLLATE NOCASE,
  score TEXT,
  status VARCHAR(10) DEFAULT 'new',
  note TEXT,
  legacy TEXT,
  owner_id INTEGER,
  manager_id INTEGER REFERENCES parent (id) ON DELETE SET NULL,
  CONSTRAINT uq_parent_name UNIQUE (name),
  CONSTRAINT fk_parent_owner FOREIGN KEY (owner_id) REFERENCES owner (id) DEFERRABLE INITIALLY DEFERRED,
  CONSTRAINT ck_parent_name CHECK (length(name) > 0),
  CHECK (status <> '')
);
CREATE INDEX ix_parent_status ON parent (status);
CREATE INDEX ix_parent_lower_note ON parent (lower(note)) WHERE note IS NOT NULL;
CREATE TABLE child (
  id INTEGER PRIMARY KEY,
  parent_id INTEGER NOT NULL REFERENCES parent (id) ON DELETE CASCADE,
  qty INTEGER
);
CREATE INDEX ix_child_parent ON child (parent_id);
CREATE TABLE audit (id INTEGER PRIMARY KEY, parent_id INTEGER, what TEXT);
CREATE TRIGGER trg_parent_audit AFTER UPDATE OF status ON parent
BEGIN
  INSERT INTO audit (parent_id, what) VALUES (NEW.id, NEW.status);
END;
CREATE VIEW parent_summary AS
  SELECT p.id, p.name, count(c.id) AS children FROM parent p LEFT JOIN child c ON c.parent_id = p.id GROUP BY p.id;
`;

const DATA = `
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${OWNERS})
INSERT INTO owner (id, label) SELECT i, 'owner ' || i FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${PARENTS + 10})
INSERT INTO parent (name, score, status, note, legacy, owner_id, manager_id)
  SELECT 'Name ' || i,
         CASE WHEN i % 7 = 0 THEN NULL ELSE (i % 100) || '.5' END,
         CASE WHEN i % 3 = 0 THEN 'done' ELSE 'new' END,
         CASE WHEN i % 5 = 0 THEN NULL ELSE 'Note ' || i END,
         'legacy ' || i,
         (i % ${OWNERS}) + 1,
         CASE WHEN i = 1 THEN NULL ELSE i / 2 END
  FROM n;
DELETE FROM parent WHERE id > ${PARENTS};
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${CHILDREN})
INSERT INTO child (parent_id, qty) SELECT (i % ${PARENTS}) + 1, i FROM n;
`;

export async function openFixture(): Promise<Db> {
  const db = await openScratch();
  await db.conn.execute(SCHEMA);
  await db.conn.execute(DATA);
  return db;
}

export function onlineContext(db: Db): CompileContext {
  return {
    offline: false,
    async reflectTable(ref) {
      const snap = await db.dialect.introspect(db.conn, { schemas: [ref.schema] });
      return snap.tables.find((t) => t.name === ref.table) ?? null;
    },
    query: (sql, params) => db.conn.query(sql, params),
  };
}

/** Run a revision body's ops in one transaction, as the runner does; the statements run, in order. */
export async function runOps(db: Db, body: (op: Operations) => Promise<void>): Promise<string[]> {
  const ran: string[] = [];
  const ctx = onlineContext(db);
  const sink: OpSink = {
    dialectName: db.dialect.name,
    reflectTable: (ref) => ctx.reflectTable(ref),
    async run(op) {
      for (const sql of await db.dialect.compile(op, ctx)) {
        await db.conn.execute(sql);
        ran.push(sql);
      }
    },
    async autocommit() { throw new Error("not in these tests"); },
  };
  await db.conn.execute(db.dialect.begin);
  try {
    await body(new Operations(sink));
    await db.conn.execute(db.dialect.commit);
  } catch (e) {
    await db.conn.execute(db.dialect.rollback);
    throw e;
  }
  return ran;
}

export async function all(db: Db, sql: string): Promise<Record<string, unknown>[]> {
  return db.conn.query(sql);
}

/** Everything a table holds, rowids included, in rowid order. */
export async function dump(db: Db, table: string): Promise<Record<string, unknown>[]> {
  return db.conn.query(`SELECT rowid AS _rowid, * FROM "${table}" ORDER BY rowid`);
}

/** The stored schema (sqlite_schema), which a failed batch must leave exactly as it was. */
export async function schemaText(db: Db): Promise<Record<string, unknown>[]> {
  return db.conn.query(`SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name`);
}

export const recreations = (statements: readonly string[]): number =>
  statements.filter((s) => s.startsWith(`CREATE TABLE "_athanor_tmp_`)).length;
