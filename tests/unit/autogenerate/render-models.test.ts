/**
 * renderModels (the heart of `athanor pull`): the models it writes, loaded and compiled, give
 * back the snapshot they were rendered from, however awkward its names, defaults and keys.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { renderModels } from "../../../src/autogenerate/render-models.js";
import { compileMetadata, type MetaData } from "../../../src/schema/index.js";
import type { ColumnSnapshot, SchemaSnapshot, TableSnapshot } from "../../../src/snapshot/types.js";

const SRC_INDEX = resolve(process.cwd(), "src", "index.ts");
const dir = mkdtempSync(join(tmpdir(), "athanor-render-models-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
async function load(source: string): Promise<MetaData> {
  const file = join(dir, `models${++files}.ts`);
  writeFileSync(file, source);
  const mod = (await import(pathToFileURL(file).href)) as { metadata: MetaData };
  return mod.metadata;
}

function col(name: string, type: ColumnSnapshot["type"], extra: Partial<ColumnSnapshot> = {}): ColumnSnapshot {
  return { name, type, nullable: true, default: null, autoincrement: false, comment: null, ...extra };
}

function tbl(schema: string | null, name: string, columns: ColumnSnapshot[], extra: Partial<TableSnapshot> = {}): TableSnapshot {
  return { schema, name, columns, primaryKey: null, foreignKeys: [], uniques: [], indexes: [], checks: [], comment: null, ...extra };
}

const integer = { kind: "integer" } as const;
const text = { kind: "text" } as const;

/** In the order compileMetadata produces: tables by schema then name, constraints by name. */
const awkward: SchemaSnapshot = {
  tables: [
    tbl(null, "default", [
      col("id", integer, { nullable: false, autoincrement: true }),
      col("Weird Name", { kind: "varchar", length: 20 }, { nullable: false, default: "'it''s'" }),
      col("expr", text, { default: "`a` || '${x}' || '\\n'" }),
      col("price", { kind: "numeric", precision: 10, scale: 2 }, { default: "0.50" }),
      col("flag", { kind: "boolean" }, { nullable: false, default: "true" }),
      col("mood", { kind: "enum", name: "mood", values: ["calm", "it's"] }),
      col("level", { kind: "enum", name: "audit.level", values: ["low", "high"] }),
      col("tsv", { kind: "raw", sql: "tsvector" }, { comment: "search `text`" }),
      col("2fa", { kind: "timestamp", withTimezone: true }),
      col("__proto__", { kind: "char", length: 2 }),
    ], {
      primaryKey: { name: "default_pkey", columns: ["id"] },
      uniques: [{ name: "default_expr_key", columns: ["expr"] }, { name: "default_flag_mood_key", columns: ["flag", "mood"] }],
      indexes: [
        { name: "ix_default_tsv", columns: [{ expression: "to_tsvector('simple', expr)" }], unique: false, where: "flag AND price > 0", using: "gin" },
        { name: "ix_default_weird", columns: ["Weird Name", "price"], unique: true, where: null },
      ],
      checks: [{ name: "ck_price", expression: "price >= 0 AND expr <> '${y}'" }],
      comment: "a table named like a keyword",
    }),
    tbl(null, "index", [col("id", { kind: "bigint" }, { nullable: false }), col("note", text), col("untyped", { kind: "raw", sql: "" })], {
      primaryKey: { name: "index_pkey", columns: ["id"] },
    }),
    tbl(null, "items", [col("id", integer, { nullable: true }), col("parent", integer)], {
      primaryKey: { name: "items_pkey", columns: ["id"] },
      foreignKeys: [{
        name: "items_parent_fkey", columns: ["parent"], referredSchema: null, referredTable: "items", referredColumns: ["id"],
        onDelete: "SET NULL", onUpdate: null,
      }],
    }),
    tbl("audit", "events", [
      col("day", { kind: "date" }, { nullable: false }),
      col("seq", integer, { nullable: false }),
      col("level", { kind: "enum", name: "audit.level", values: ["low", "high"] }, { nullable: false, default: "'low'::audit.level" }),
      col("mood", { kind: "enum", name: "mood", values: ["calm", "it's"] }),
      col("default_id", integer, { nullable: false }),
      col("item_id", integer),
      col("item_parent", integer),
    ], {
      primaryKey: { name: "events_pk", columns: ["day", "seq"] },
      foreignKeys: [
        {
          name: "events_default_id_fkey", columns: ["default_id"], referredSchema: null, referredTable: "default", referredColumns: ["id"],
          onDelete: "CASCADE", onUpdate: "CASCADE",
        },
        {
          name: "fk_two_columns", columns: ["item_id", "item_parent"], referredSchema: "audit", referredTable: "items",
          referredColumns: ["id", "ref"], onDelete: null, onUpdate: null,
        },
      ],
      indexes: [{ name: "ix_events_day", columns: ["day"], unique: false, where: null }],
    }),
    tbl("audit", "items", [col("id", integer, { nullable: false, autoincrement: true }), col("ref", integer, { nullable: false })], {
      primaryKey: { name: "items_pkey", columns: ["id"] },
      uniques: [{ name: "items_id_ref_key", columns: ["id", "ref"] }],
    }),
  ],
  enums: [
    { schema: null, name: "mood", values: ["calm", "it's"] },
    { schema: "audit", name: "level", values: ["low", "high"] },
  ],
};

describe("renderModels", () => {
  it("writes models that compile back to the snapshot they came from", async () => {
    const { source, warnings } = renderModels(awkward, { defaultSchema: "public", importFrom: SRC_INDEX });
    expect(warnings).toEqual([]);
    const compiled = compileMetadata(await load(source), { defaultSchema: "public" });
    expect(compiled).toEqual(awkward);
  });

  it("reads as models people write: camelCase keys, SQL names only where they differ, conventions stated once", () => {
    const { source } = renderModels(awkward, { defaultSchema: "public", importFrom: "athanor" });
    expect(source).toContain(`import { MetaData, table, sql, integer, bigint, varchar, char, text, boolean, numeric, date, timestamp, enumType, raw, index, unique, check, foreignKey, primaryKey } from "athanor";`);
    expect(source).toContain(`new MetaData({ namingConvention: { pk: "%(table)s_pkey", fk: "%(table)s_%(column_0_N_name)s_fkey", uq: "%(table)s_%(column_0_N_name)s_key" } })`);
    expect(source).toContain(`export const defaultTable = table(metadata, "default", {`);
    expect(source).toContain(`export const indexTable = table(metadata, "index", {`);
    expect(source).toContain(`export const items = table(metadata, "items", {`);
    expect(source).toContain(`export const auditItems = table(metadata, "items", {`);
    expect(source).toContain(`  id: integer().primaryKey(),\n`);
    expect(source).toContain(`  weirdName: varchar("Weird Name", 20).notNull().serverDefault("it's"),`);
    expect(source).toContain("  expr: text().serverDefault(sql`\\`a\\` || '\\${x}' || '\\\\n'`).unique(),");
    expect(source).toContain("  price: numeric(10, 2).serverDefault(sql`0.50`),");
    expect(source).toContain(`  flag: boolean().notNull().serverDefault(true),`);
    expect(source).toContain(`  level: enumType("level", ["low", "high"], { schema: "audit" }),`);
    expect(source).toContain(`  mood: enumType("mood", ["calm", "it's"], { schema: "public" }),`);
    expect(source).toContain(`  _2fa: timestamp("2fa", { withTimezone: true }),`);
    expect(source).toContain(`  tsv: raw("tsvector").comment("search \`text\`"),`);
    expect(source).toContain(`  id: integer().primaryKey().nullable().autoincrement(false),`);
    expect(source).toContain(`  parent: integer().references("items.id", { onDelete: "SET NULL" }),`);
    expect(source).toContain(`    foreignKey("fk_two_columns", ["item_id", "item_parent"], "audit.items", ["id", "ref"]),`);
    expect(source).toContain(`  primaryKey: primaryKey(["day", "seq"], "events_pk"),`);
    expect(source).toContain("    index(\"ix_default_tsv\", [sql`to_tsvector('simple', expr)`], { where: sql`flag AND price > 0`, using: \"gin\" }),");
    expect(source).toContain(`  day: date().index(),`);
    expect(source).toContain(`  untyped: raw(""),`);
  });

  it("leaves out, with a warning, a foreign key to a table it does not write and an enum no column uses", async () => {
    const lone = tbl(null, "orders", [col("id", integer, { nullable: false }), col("customer_id", integer)], {
      primaryKey: { name: null, columns: ["id"] },
      foreignKeys: [{
        name: "orders_customer_fk", columns: ["customer_id"], referredSchema: "crm", referredTable: "customers", referredColumns: ["id"],
        onDelete: null, onUpdate: null,
      }],
    });
    const snapshot: SchemaSnapshot = { tables: [lone], enums: [{ schema: null, name: "unused", values: ["x"] }] };
    const { source, warnings } = renderModels(snapshot, { defaultSchema: null, importFrom: SRC_INDEX });
    expect(warnings).toEqual([
      "orders: foreign key orders_customer_fk refers to crm.customers, which is not pulled; it is left out",
      "enum type unused is used by no pulled column; the models declare enums through their columns, so it is left out",
    ]);
    const compiled = compileMetadata(await load(source));
    expect(compiled.tables).toEqual([{ ...lone, foreignKeys: [] }]);
  });

  it("names inline (MySQL) enums after their table and column, keeping different value lists apart", async () => {
    const inline = (values: string[]) => ({ kind: "enum" as const, name: "", values });
    const snapshot: SchemaSnapshot = {
      tables: [
        tbl(null, "a", [col("b_c", inline(["x", "y"]))]),
        tbl(null, "a_b", [col("c", inline(["z"]))]),
      ],
      enums: [],
    };
    const { source } = renderModels(snapshot, { defaultSchema: null, importFrom: SRC_INDEX });
    expect(source).toContain(`bC: enumType("a_b_c", ["x", "y"], { name: "b_c" }),`);
    expect(source).toContain(`c: enumType("a_b_c_2", ["z"]),`);
    const compiled = compileMetadata(await load(source));
    expect(compiled.tables.map((t) => t.columns[0]!.type)).toEqual([
      { kind: "enum", name: "a_b_c", values: ["x", "y"] },
      { kind: "enum", name: "a_b_c_2", values: ["z"] },
    ]);
  });
});
