/**
 * Objects the tool does not manage never show up in reflection.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Connection } from "../../../src/dialects/dialect.js";
import type { SchemaSnapshot } from "../../../src/snapshot/types.js";
import { scratchDatabase, serverAvailable, type Scratch } from "../../support/databases.js";

const available = await serverAvailable("postgresql");

const SETUP = [
  "CREATE TABLE base (id integer PRIMARY KEY, name text, created timestamptz DEFAULT now())",
  "CREATE VIEW base_view AS SELECT id, name FROM base",
  "CREATE MATERIALIZED VIEW base_mat AS SELECT id FROM base",
  "CREATE INDEX ix_base_mat ON base_mat (id)",
  "CREATE SEQUENCE loose_seq",
  `CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.created := now(); RETURN NEW; END $$`,
  "CREATE TRIGGER base_touch BEFORE UPDATE ON base FOR EACH ROW EXECUTE FUNCTION touch()",
  "CREATE TABLE events (id integer, at date NOT NULL, PRIMARY KEY (id, at)) PARTITION BY RANGE (at)",
  "CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')",
  "CREATE TABLE events_2025 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')",
  "CREATE INDEX ix_events_at ON events (at)",
  "CREATE TABLE refs_events (id integer, ev_id integer, ev_at date, FOREIGN KEY (ev_id, ev_at) REFERENCES events (id, at))",
  "CREATE TABLE inherited (extra text) INHERITS (base)",
  "CREATE EXTENSION file_fdw",
  "CREATE SERVER files FOREIGN DATA WRAPPER file_fdw",
  "CREATE FOREIGN TABLE outside (line text) SERVER files OPTIONS (filename '/dev/null')",
  "CREATE TABLE owned_by_extension (id integer)",
  "ALTER EXTENSION plpgsql ADD TABLE owned_by_extension",
  "CREATE DOMAIN positive AS integer CHECK (VALUE > 0)",
  "CREATE TABLE uses_domain (n positive)",
  "CREATE TYPE pair AS (a integer, b integer)",
];

describe.skipIf(!available)("postgres unmanaged objects", () => {
  let scratch: Scratch;
  let conn: Connection;
  let snap: SchemaSnapshot;

  beforeAll(async () => {
    scratch = await scratchDatabase("postgresql");
    conn = await scratch.dialect.connect(scratch.url);
    for (const sql of SETUP) await conn.execute(sql);
    snap = await scratch.dialect.introspect(conn);
  });

  afterAll(async () => {
    await conn?.close();
    await scratch?.drop();
  });

  it("reflects only tables: not views, materialized views, partitions, foreign or extension tables, sequences", () => {
    expect(snap.tables.map((t) => t.name)).toEqual(["base", "events", "inherited", "refs_events", "uses_domain"]);
    expect(snap.enums).toEqual([]);
  });

  it("a partitioned parent keeps its own key and index; its FK target copies are not reported twice", () => {
    const events = snap.tables.find((t) => t.name === "events")!;
    expect(events.primaryKey?.columns).toEqual(["id", "at"]);
    expect(events.indexes.map((i) => i.name)).toEqual(["ix_events_at"]);
    const refs = snap.tables.find((t) => t.name === "refs_events")!;
    expect(refs.foreignKeys).toHaveLength(1);
    expect(refs.foreignKeys[0]).toMatchObject({ referredTable: "events", referredColumns: ["id", "at"] });
  });

  it("triggers leave no trace on their table; domain columns stay raw and their checks are not the table's", () => {
    const base = snap.tables.find((t) => t.name === "base")!;
    expect(base.indexes).toEqual([]);
    expect(base.checks).toEqual([]);
    const dom = snap.tables.find((t) => t.name === "uses_domain")!;
    expect(dom.columns[0]!.type).toEqual({ kind: "raw", sql: "positive" });
    expect(dom.checks).toEqual([]);
  });

  it("other schemas (pg_catalog, information_schema) are not read unless asked", async () => {
    await conn.execute("CREATE SCHEMA side");
    await conn.execute("CREATE TABLE side.hidden (id integer)");
    const again = await scratch.dialect.introspect(conn);
    expect(again.tables.map((t) => t.name)).not.toContain("hidden");
    const side = await scratch.dialect.introspect(conn, { schemas: ["side"] });
    expect(side.tables.map((t) => [t.schema, t.name])).toEqual([["side", "hidden"]]);
  });
});
