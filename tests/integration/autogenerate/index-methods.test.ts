/**
 * Index methods (`index(…, { using })`): PostgreSQL's access methods and MySQL's FULLTEXT keys
 * are reflected, compared and created, so a GIN index is neither reported as a difference nor
 * recreated as a B-tree.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { diffMetadata } from "../../../src/commands/model-diff.js";
import type { Connection, DialectName } from "../../../src/dialects/dialect.js";
import type { Op } from "../../../src/operations/types.js";
import { MetaData, index, integer, raw, table, text, timestamp, varchar } from "../../../src/schema/index.js";
import { scratchDatabase, serverAvailable, type Scratch } from "../../support/databases.js";

function opsOf(list: readonly Op[]): string[] {
  return list.map((op) => (op.kind === "createIndex" || op.kind === "dropIndex" ? `${op.kind} ${op.index.name}${op.index.using ? ` using ${op.index.using}` : ""}` : op.kind));
}

function suite(name: DialectName, body: (db: () => { scratch: Scratch; conn: Connection }) => void): void {
  describe(name, async () => {
    if (!(await serverAvailable(name))) return;
    let scratch: Scratch;
    let conn: Connection;
    beforeAll(async () => {
      scratch = await scratchDatabase(name, "athanor_ixm");
      conn = await scratch.dialect.connect(scratch.url);
    });
    afterAll(async () => {
      await conn?.close();
      await scratch?.drop();
    });
    body(() => ({ scratch, conn }));
  });
}

async function run(db: { scratch: Scratch; conn: Connection }, ops: readonly Op[]): Promise<void> {
  for (const op of ops) {
    const statements = await db.scratch.dialect.compile(op, { offline: false, reflectTable: async () => null });
    for (const sql of statements) await db.conn.execute(sql);
  }
}

suite("postgresql", (db) => {
  const docs = (using: string | undefined) => {
    const md = new MetaData();
    table(md, "docs", {
      id: integer().primaryKey(),
      body: raw("tsvector"),
      seen: timestamp(),
    }, { indexes: [index("ix_docs_body", ["body"], using === undefined ? {} : { using }), index("ix_docs_seen", ["seen"], { using: "brin" })] });
    return md;
  };

  it("reflects the access method, and a model naming it (in any case) has nothing to change", async () => {
    const { conn, scratch } = db();
    await conn.execute("CREATE TABLE docs (id integer PRIMARY KEY, body tsvector, seen timestamp)");
    await conn.execute("CREATE INDEX ix_docs_body ON docs USING gin (body)");
    await conn.execute("CREATE INDEX ix_docs_seen ON docs USING brin (seen)");
    const reflected = await scratch.dialect.introspect(conn);
    expect(reflected.tables[0]!.indexes).toEqual([
      { name: "ix_docs_body", columns: ["body"], unique: false, where: null, using: "gin" },
      { name: "ix_docs_seen", columns: ["seen"], unique: false, where: null, using: "brin" },
    ]);
    expect(opsOf((await diffMetadata(docs("GIN"), { dialect: scratch.dialect, conn })).ops)).toEqual([]);
  });

  it("a method that changes is a drop and a create, which the server then reports back", async () => {
    const { conn, scratch } = db();
    const toBtree = await diffMetadata(docs(undefined), { dialect: scratch.dialect, conn });
    // The drop carries the GIN index, so that the downgrade recreates it as it was.
    expect(opsOf(toBtree.ops)).toEqual(["dropIndex ix_docs_body using gin", "createIndex ix_docs_body"]);
    await run(db(), toBtree.ops);
    const toGist = await diffMetadata(docs("gist"), { dialect: scratch.dialect, conn });
    expect(opsOf(toGist.ops)).toEqual(["dropIndex ix_docs_body", "createIndex ix_docs_body using gist"]);
    await run(db(), toGist.ops);
    expect(opsOf((await diffMetadata(docs("gist"), { dialect: scratch.dialect, conn })).ops)).toEqual([]);
  });
});

suite("mysql", (db) => {
  const films = (using: string | undefined) => {
    const md = new MetaData();
    table(md, "films", {
      id: integer().primaryKey(),
      title: varchar(255).notNull(),
      description: text(),
    }, { indexes: [index("ix_films_text", ["title", "description"], using === undefined ? {} : { using })] });
    return md;
  };

  it("a FULLTEXT key is reflected as one, and created as one", async () => {
    const { conn, scratch } = db();
    await conn.execute("CREATE TABLE films (id INT PRIMARY KEY, title VARCHAR(255) NOT NULL, description TEXT, FULLTEXT KEY ix_films_text (title, description))");
    const reflected = await scratch.dialect.introspect(conn);
    expect(reflected.tables[0]!.indexes).toEqual([{ name: "ix_films_text", columns: ["title", "description"], unique: false, where: null, using: "fulltext" }]);
    expect(opsOf((await diffMetadata(films("fulltext"), { dialect: scratch.dialect, conn })).ops)).toEqual([]);

    await conn.execute("DROP INDEX ix_films_text ON films");
    const create = await diffMetadata(films("fulltext"), { dialect: scratch.dialect, conn });
    expect(opsOf(create.ops)).toEqual(["createIndex ix_films_text using fulltext"]);
    await run(db(), create.ops);
    expect((await scratch.dialect.introspect(conn)).tables[0]!.indexes[0]!.using).toBe("fulltext");
  });

  it("refuses a method MySQL does not have, naming the index", async () => {
    const { scratch } = db();
    const op: Op = {
      kind: "createIndex", schema: null, table: "films",
      index: { name: "ix_films_title", columns: ["title"], unique: false, where: null, using: "gin" },
    };
    await expect(scratch.dialect.compile(op, { offline: true, reflectTable: async () => null }))
      .rejects.toThrow(`index "ix_films_title" on "films" uses "gin": MySQL and MariaDB know FULLTEXT and SPATIAL indexes only`);
  });
});
