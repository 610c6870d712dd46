/**
 * AUTOGEN-CASES "objects the tool does not manage": views, triggers, functions, domains,
 * extension-owned tables, partitions' children, FTS shadow tables, sqlite_sequence. Never
 * reported as a difference, never dropped, even by a model that declares nothing.
 */
import { expect, it } from "vitest";
import { MetaData, date, integer, table, text, timestamp } from "../../../src/schema/index.js";
import { forDialects, ops, type Harness } from "./harness.js";

const base = (md: MetaData) => table(md, "base", {
  id: integer().primaryKey().autoincrement(false), name: text(), created: timestamp({ withTimezone: true }),
});

function model(build: (md: MetaData) => void): MetaData {
  const md = new MetaData();
  build(md);
  return md;
}

async function expectOnlyManaged(h: Harness, declared: MetaData, managed: readonly string[]): Promise<void> {
  await h.roundTrip(declared, (d) => expect(ops(d)).toEqual([]));
  const empty = await h.diff(new MetaData());
  expect(ops(empty).sort()).toEqual(managed.map((t) => `dropTable ${t}`).sort());
}

forDialects(["postgresql"], (h) => {
  it("views, materialized views, sequences, functions, triggers, domains, composite types, extension-owned and partition tables", async () => {
    await h.reset();
    await h.exec(
      "CREATE TABLE base (id integer PRIMARY KEY, name text, created timestamptz)",
      "CREATE VIEW base_view AS SELECT id, name FROM base",
      "CREATE MATERIALIZED VIEW base_mat AS SELECT id FROM base",
      "CREATE INDEX ix_base_mat ON base_mat (id)",
      "CREATE SEQUENCE loose_seq",
      "CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.created := now(); RETURN NEW; END $$",
      "CREATE TRIGGER base_touch BEFORE UPDATE ON base FOR EACH ROW EXECUTE FUNCTION touch()",
      "CREATE DOMAIN positive AS integer CHECK (VALUE > 0)",
      "CREATE TYPE pair AS (a integer, b integer)",
      "CREATE TABLE owned_by_extension (id integer)",
      "ALTER EXTENSION plpgsql ADD TABLE owned_by_extension",
      "CREATE TABLE events (id integer NOT NULL, at date NOT NULL, PRIMARY KEY (id, at)) PARTITION BY RANGE (at)",
      "CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')",
      "CREATE TABLE events_2025 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')",
    );
    const declared = model((md) => {
      base(md);
      table(md, "events", { id: integer().notNull(), at: date().notNull() }, { primaryKey: ["id", "at"] });
    });
    await expectOnlyManaged(h, declared, ["base", "events"]);
  });
});

forDialects(["mysql"], (h) => {
  it("views, triggers, procedures and functions", async () => {
    await h.reset();
    await h.exec(
      "CREATE TABLE base (id integer PRIMARY KEY, name text, created timestamp NULL)",
      "CREATE VIEW base_view AS SELECT id, name FROM base",
      "CREATE TRIGGER base_touch BEFORE UPDATE ON base FOR EACH ROW SET NEW.created = NOW()",
      "CREATE PROCEDURE noop() BEGIN END",
      "CREATE FUNCTION one() RETURNS integer DETERMINISTIC RETURN 1",
    );
    await expectOnlyManaged(h, model(base), ["base"]);
  });
});

forDialects(["sqlite"], (h) => {
  it("views, triggers, FTS virtual tables and their shadow tables, sqlite_sequence, sqlite_stat1", async () => {
    await h.reset();
    await h.exec(
      "CREATE TABLE base (id integer PRIMARY KEY, name text, created timestamp with time zone)",
      "CREATE TABLE counted (id INTEGER PRIMARY KEY AUTOINCREMENT, v TEXT)",
      "INSERT INTO counted (v) VALUES ('x')",
      "CREATE VIEW base_view AS SELECT id, name FROM base",
      "CREATE TRIGGER base_ai AFTER INSERT ON base BEGIN UPDATE base SET name = name WHERE id = new.id; END",
      "CREATE VIRTUAL TABLE notes_fts4 USING fts4(body)",
      "CREATE VIRTUAL TABLE notes_fts5 USING fts5(body)",
      "INSERT INTO base (id, name) VALUES (1, 'a')",
      "ANALYZE",
    );
    const declared = model((md) => {
      base(md);
      table(md, "counted", { id: integer().primaryKey(), v: text() });
    });
    await expectOnlyManaged(h, declared, ["base", "counted"]);
  });
});
