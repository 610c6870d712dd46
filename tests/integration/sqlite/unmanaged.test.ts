import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openScratch, run, col, table, type Db } from "./helpers.js";

describe("sqlite objects the tool does not manage never show", () => {
  let db: Db;
  beforeAll(async () => {
    db = await openScratch();
    await run(db, { kind: "createTable", table: table("notes", [col("id", { kind: "integer" }, { nullable: false, autoincrement: true }), col("body", { kind: "text" })], { primaryKey: { name: null, columns: ["id"] } }) });
    await db.conn.execute(`
      CREATE TABLE counted (id INTEGER PRIMARY KEY AUTOINCREMENT, v TEXT);
      INSERT INTO counted (v) VALUES ('x');
      CREATE VIEW note_bodies AS SELECT body FROM notes;
      CREATE TRIGGER notes_ai AFTER INSERT ON notes BEGIN UPDATE notes SET body = body WHERE id = new.id; END;
      CREATE VIRTUAL TABLE notes_fts4 USING fts4(body);
      CREATE VIRTUAL TABLE notes_fts5 USING fts5(body);
      CREATE INDEX ix_notes_body ON notes (body);
      INSERT INTO notes (body) VALUES ('hello'), ('world');
      ANALYZE;
    `);
  });
  afterAll(async () => { await db.close(); });

  it("only the user's tables are reflected", async () => {
    const all = await db.conn.query<{ name: string }>(`SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name`);
    // The database does hold the internal and shadow tables...
    expect(all.map((r) => r.name)).toEqual(expect.arrayContaining(["sqlite_sequence", "sqlite_stat1", "notes_fts4_segdir", "notes_fts5_data", "notes_fts5_config"]));
    // ...but introspection shows none of them, nor the view, trigger and virtual tables.
    const snap = await db.dialect.introspect(db.conn);
    expect(snap.tables.map((t) => t.name)).toEqual(["counted", "notes"]);
  });

  it("AUTOINCREMENT and plain INTEGER PRIMARY KEY both reflect as a generated key", async () => {
    const snap = await db.dialect.introspect(db.conn);
    for (const t of snap.tables) expect(t.columns[0]).toMatchObject({ name: "id", autoincrement: true, default: null });
  });

  it("excludeTable filters a table out", async () => {
    const snap = await db.dialect.introspect(db.conn, { excludeTable: (schema, name) => schema === null && name === "counted" });
    expect(snap.tables.map((t) => t.name)).toEqual(["notes"]);
  });
});
