/**
 * AUTOGEN-CASES 18 (PostgreSQL named enums) and enums on the dialects that keep them in the
 * column (MySQL ENUM, SQLite VARCHAR).
 */
import { expect, it } from "vitest";
import { reverseOps } from "../../../src/operations/reverse.js";
import { MetaData, enumType, integer, table, varchar } from "../../../src/schema/index.js";
import { forDialects, ops, summarize, type Harness } from "./harness.js";

function model(build: (md: MetaData) => void): MetaData {
  const md = new MetaData();
  build(md);
  return md;
}

async function given(h: Harness, md: MetaData): Promise<void> {
  await h.reset();
  await h.run((await h.diff(md)).ops);
}

const moods = (values: readonly string[], extra?: (md: MetaData) => void) => model((md) => {
  table(md, "person", { id: integer().primaryKey(), mood: enumType("mood", values).notNull().serverDefault("ok") });
  extra?.(md);
});

async function rows(h: Harness): Promise<string[]> {
  return (await h.conn.query<{ mood: string }>("SELECT mood FROM person ORDER BY id")).map((r) => r.mood);
}

forDialects(["postgresql"], (h) => {
  it("18. a new enum type is created before the table that uses it, and dropped after it in the downgrade", async () => {
    await h.reset();
    const d = await h.roundTrip(moods(["sad", "ok"]), (d) => expect(ops(d)).toEqual(["createEnum mood", "createTable person"]));
    expect(reverseOps(d.ops).map(summarize)).toEqual(["dropTable person", "dropEnum mood"]);
  });

  it("18. values added: addEnumValue in place (positioned); the downgrade rewrites the type without them", async () => {
    await given(h, moods(["sad", "ok"]));
    await h.exec("INSERT INTO person (mood) VALUES ('sad'), ('ok')");
    const d = await h.roundTrip(moods(["meh", "sad", "ok", "glad"]), (d) => {
      expect(ops(d)).toEqual(["addEnumValue mood.meh", "addEnumValue mood.glad"]);
      expect(d.warnings).toEqual([]);
    });
    expect(d.ops[0]).toMatchObject({ before: "sad" });
    expect(d.ops[1]).toMatchObject({ after: "ok" });
    expect(await rows(h)).toEqual(["sad", "ok"]);
  });

  it("18. a value removed: a warning naming it and an explicit replaceEnum op; rows keep their values", async () => {
    await given(h, moods(["sad", "ok", "glad"]));
    await h.exec("INSERT INTO person (mood) VALUES ('sad'), ('ok'), (DEFAULT)");
    const d = await h.roundTrip(moods(["sad", "ok"]), (d) => {
      expect(ops(d)).toEqual(["replaceEnum"]);
      expect(d.ops[0]).toMatchObject({ enum: { name: "mood", values: ["sad", "ok"] }, existing: { values: ["sad", "ok", "glad"] } });
      expect(d.warnings).toEqual([expect.stringMatching(/enum mood: value 'glad' removed.*rows holding 'glad'/)]);
    });
    expect(reverseOps(d.ops)[0]).toMatchObject({ kind: "replaceEnum", enum: { values: ["sad", "ok", "glad"] } });
    expect(await rows(h)).toEqual(["sad", "ok", "ok"]);
  });

  it("18. values reordered: a warning and an explicit replaceEnum op", async () => {
    await given(h, moods(["sad", "ok", "glad"]));
    await h.roundTrip(moods(["glad", "ok", "sad"]), (d) => {
      expect(ops(d)).toEqual(["replaceEnum"]);
      expect(d.warnings).toEqual([expect.stringMatching(/enum mood: values reordered/)]);
    });
  });

  it("18. a removed value still in use makes the upgrade fail with the server's message, leaving the database as it was", async () => {
    await given(h, moods(["sad", "ok", "glad"]));
    await h.exec("INSERT INTO person (mood) VALUES ('glad')");
    const d = await h.diff(moods(["sad", "ok"]));
    await expect(h.run(d.ops)).rejects.toThrow(/invalid input value for enum mood: "glad"/);
    expect(ops(await h.diff(moods(["sad", "ok", "glad"])))).toEqual([]);
  });

  it("18. an enum no column uses any more is dropped after the table", async () => {
    await given(h, moods(["sad", "ok"], (md) => table(md, "other", { id: integer().primaryKey() })));
    await h.roundTrip(model((md) => table(md, "other", { id: integer().primaryKey() })),
      (d) => expect(ops(d)).toEqual(["dropTable person", "dropEnum mood"]));
  });

  it("18. an enum type no model declares, still used by a table the filters leave out, is never dropped", async () => {
    await given(h, moods(["sad", "ok"], (md) => table(md, "other", { id: integer().primaryKey() })));
    await h.roundTrip(model((md) => table(md, "other", { id: integer().primaryKey() })), (d) => expect(ops(d)).toEqual([]), {
      config: { includeObject: (o) => !(o.type === "table" && o.name === "person") },
    });
  });
});

forDialects(["postgresql"], (h) => {
  it("18. a column turning into an enum creates the type first; turning back drops it once no column uses it", async () => {
    await given(h, model((md) => table(md, "person", { id: integer().primaryKey(), mood: varchar(10).notNull().serverDefault("ok") })));
    await h.exec("INSERT INTO person (mood) VALUES ('sad')");
    await h.roundTrip(moods(["sad", "ok"]), (d) => expect(ops(d)).toEqual(["createEnum mood", "alterColumn person.mood type"]));
    await h.run((await h.diff(moods(["sad", "ok"]))).ops);
    await h.roundTrip(model((md) => table(md, "person", { id: integer().primaryKey(), mood: varchar(10).notNull().serverDefault("ok") })),
      (d) => expect(ops(d)).toEqual(["alterColumn person.mood type", "dropEnum mood"]));
    expect(await rows(h)).toEqual(["sad"]);
  });
});

forDialects(["mysql", "sqlite"], (h) => {
  it("enums live in the column: a value added or removed is a type change of that column", async () => {
    await given(h, model((md) => table(md, "person", { id: integer().primaryKey(), mood: enumType("mood", ["sad", "ok"]) })));
    await h.exec("INSERT INTO person (mood) VALUES ('sad')");
    await h.roundTrip(model((md) => table(md, "person", { id: integer().primaryKey(), mood: enumType("mood", ["sad", "ok", "glad-ish"]) })),
      (d) => expect(ops(d)).toEqual(["alterColumn person.mood type"]));
    await h.roundTrip(model((md) => table(md, "person", { id: integer().primaryKey(), mood: enumType("mood", ["sad", "ok"]), x: varchar(2) })),
      (d) => expect(ops(d)).toEqual(["addColumn person.x"]));
    expect(await rows(h)).toEqual(["sad"]);
  });
});
