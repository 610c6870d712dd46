/**
 * Real schemas written by their own projects (../shared/corpora): reflection must read them, skip
 * what the tool does not manage (FTS shadow tables, sqlite_sequence), and createTable must rebuild
 * each reflected table so that it reflects back identically.
 */
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { tableDifferences } from "./compare.js";
import { openScratch, run } from "./helpers.js";

const CORPORA = resolve(process.cwd(), "../shared/corpora");

const corpora: { name: string; files: string[]; tables: number }[] = [
  { name: "chinook", files: ["chinook/sqlite.sql"], tables: 11 },
  { name: "chinook-autoincrement", files: ["chinook/sqlite_autoincrement.sql"], tables: 11 },
  { name: "roundcube", files: ["roundcube/sqlite.initial.sql"], tables: 18 },
  { name: "sakila", files: ["sakila/jooq/sqlite-sakila-schema.sql"], tables: 16 },
  { name: "phpbb", files: ["phpbb/sqlite_schema.sql"], tables: 63 },
  { name: "synapse", files: ["synapse/common/full.sql.sqlite", "synapse/main/full.sql.sqlite", "synapse/state/full.sql.sqlite"], tables: 134 },
];

/** phpBB's generated file uses "#" comment lines, which the sqlite3 shell skips. */
function load(file: string): string {
  return readFileSync(join(CORPORA, file), "utf8").split("\n").filter((l) => !l.startsWith("#")).join("\n");
}

describe.skipIf(!existsSync(CORPORA))("sqlite reflects real-world schemas", () => {
  for (const corpus of corpora) {
    it(`${corpus.name}: ${corpus.tables} tables, rebuilt from their snapshots identically`, async () => {
      const source = await openScratch();
      const copy = await openScratch();
      try {
        for (const f of corpus.files) await source.conn.execute(load(f));
        const original = await source.dialect.introspect(source.conn);
        expect(original.tables).toHaveLength(corpus.tables);
        const virtual = await source.conn.query<{ name: string }>(`SELECT name FROM sqlite_schema WHERE sql LIKE 'CREATE VIRTUAL TABLE%'`);
        if (corpus.name === "synapse") expect(virtual.length).toBeGreaterThan(0);
        const unmanaged = (name: string) => name.startsWith("sqlite_") || virtual.some((v) => name === v.name || name.startsWith(`${v.name}_`));
        expect(original.tables.map((t) => t.name).filter(unmanaged)).toEqual([]);
        for (const t of original.tables) await run(copy, { kind: "createTable", table: t });
        const rebuilt = await copy.dialect.introspect(copy.conn);
        const diffs = original.tables.flatMap((t) => tableDifferences(copy.dialect, t, rebuilt.tables.find((r) => r.name === t.name)));
        expect(diffs).toEqual([]);
        expect(rebuilt.tables).toEqual(original.tables);
      } finally {
        await source.close();
        await copy.close();
      }
    });
  }
});
