/**
 * Identifiers that need quoting — quotes of every kind, spaces, unicode, reserved words,
 * semicolons — in every statement the tool generates, on each database: tables, columns,
 * indexes and constraints created through ops in a revision file, reflected back by name,
 * with the version and history tables given such names too; then downgraded away.
 */
import { afterEach, describe, expect, it } from "vitest";
import { downgrade, stamp, upgrade } from "../../../src/commands/migrate.js";
import { loadGraph, withDatabase } from "../../../src/commands/context.js";
import { verifyChecksums } from "../../../src/runtime/audit.js";
import type { TableSnapshot } from "../../../src/snapshot/types.js";
import { ALL_DIALECTS, scratchDatabase, serverAvailable, type Scratch } from "../../support/databases.js";
import { chainProject, revId, withConnection, type ChainProject } from "./fixtures.js";

const PARENT = `order "x" ü`;
const CHILD = "select; drop `t`";
const COLS = { space: "user name", quote: `it's "q"`, tick: "back`tick", semi: "semi;colon", reserved: "group", unicode: "prénom ✓" };
const NAMES = { ix: `ix "a";b`, uq: "uq it's", ck: "ck `c` ü", fk: "fk; --x", added: "added col;" };
const VERSION_TABLE = `ver "sion"; x`;
const HISTORY_TABLE = "hist'ory `h`";

function revisionBody(q: (s: string) => string): { up: string; down: string } {
  const s = JSON.stringify;
  const cols = Object.values(COLS).map((c) => `${s(c)}: { type: "varchar(40)" }`).join(", ");
  return {
    up: `  await op.createTable(${s(PARENT)}, { id: { type: "integer", primaryKey: true }, ${cols} }, {
    checks: [{ name: ${s(NAMES.ck)}, expression: ${s(`${q(COLS.quote)} <> 'it''s; not'`)} }],
  });
  await op.createTable(${s(CHILD)}, { id: { type: "integer", primaryKey: true }, ${s(COLS.reserved)}: { type: "integer" } }, {
    foreignKeys: [{ name: ${s(NAMES.fk)}, columns: [${s(COLS.reserved)}], referredTable: ${s(PARENT)}, referredColumns: ["id"] }],
  });
  await op.createIndex(${s(NAMES.ix)}, ${s(PARENT)}, [${s(COLS.space)}, ${s(COLS.unicode)}]);
  await op.createUniqueConstraint(${s(NAMES.uq)}, ${s(PARENT)}, [${s(COLS.semi)}]);
  await op.addColumn(${s(PARENT)}, ${s(NAMES.added)}, { type: "integer", serverDefault: "0" });
  await op.bulkInsert(${s(PARENT)}, [{ id: 1, ${s(COLS.quote)}: "it's; fine", ${s(COLS.tick)}: "\`x\`" }]);`,
    down: `  await op.dropTable(${s(CHILD)});\n  await op.dropTable(${s(PARENT)});`,
  };
}

const named = (xs: readonly { readonly name: string | null }[]) => xs.map((x) => x.name);

for (const dialectName of ALL_DIALECTS) {
  describe(`identifiers that need quoting on ${dialectName}`, () => {
    let db: Scratch | null = null;
    let project: ChainProject | null = null;
    afterEach(async () => {
      project?.remove();
      await db?.drop();
    });

    it("tables, columns, indexes and constraints round-trip through ops, reflection and the bookkeeping tables", async (ctx) => {
      if (!(await serverAvailable(dialectName))) return ctx.skip();
      db = await scratchDatabase(dialectName, "athanor_ident");
      const scratch = db;
      project = chainProject(db.urlString, [{ id: revId(1), ...revisionBody(db.dialect.quoteIdentifier) }], {
        versionTable: VERSION_TABLE, historyTable: HISTORY_TABLE,
      });
      const p = project;
      await upgrade(p.config(), "head");
      const snap = await withConnection(scratch, (conn) => scratch.dialect.introspect(conn));
      const table = (name: string): TableSnapshot => {
        const t = snap.tables.find((x) => x.name === name);
        if (!t) throw new Error(`no table ${name} among ${snap.tables.map((x) => x.name).join(", ")}`);
        return t;
      };
      expect(snap.tables.map((t) => t.name).sort()).toEqual([PARENT, CHILD, VERSION_TABLE, HISTORY_TABLE].sort());
      const parent = table(PARENT);
      expect(parent.columns.map((c) => c.name)).toEqual(["id", ...Object.values(COLS), NAMES.added]);
      expect(named(parent.checks)).toContain(NAMES.ck);
      expect(named(parent.indexes)).toContain(NAMES.ix);
      expect([...named(parent.uniques), ...named(parent.indexes.filter((i) => i.unique))]).toContain(NAMES.uq);
      const child = table(CHILD);
      expect(child.foreignKeys.map((f) => [f.name, f.referredTable, f.columns])).toEqual([[NAMES.fk, PARENT, [COLS.reserved]]]);
      const rows = await withConnection(scratch, (conn) => conn.query(`SELECT ${scratch.dialect.quoteIdentifier(COLS.quote)} AS v FROM ${scratch.dialect.quoteIdentifier(PARENT)}`));
      expect(rows).toEqual([{ v: "it's; fine" }]);

      // The bookkeeping tables under their odd names: stamp, audit, and the lock named after them.
      await stamp(p.config(), ["head"]);
      const config = p.config();
      const findings = await withDatabase(config, async (d) => verifyChecksums(d, await loadGraph(config)));
      expect(findings).toEqual({ changed: [], unknown: [], hasHistory: true });
      const script = (await stamp(p.config(), ["head"], { sql: true })).script!;
      expect(script).toContain(`CREATE TABLE ${scratch.dialect.quoteIdentifier(VERSION_TABLE)}`);
      expect(script).toContain(`INSERT INTO ${scratch.dialect.quoteIdentifier(HISTORY_TABLE)}`);

      await downgrade(p.config(), "base");
      const after = await withConnection(scratch, (conn) => scratch.dialect.introspect(conn));
      expect(after.tables.map((t) => t.name).sort()).toEqual([VERSION_TABLE, HISTORY_TABLE].sort());
    });
  });
}
