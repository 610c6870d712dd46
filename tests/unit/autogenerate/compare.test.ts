import { describe, expect, it } from "vitest";
import { compareSchemas } from "../../../src/autogenerate/compare.js";
import { renderOps } from "../../../src/autogenerate/render.js";
import { loadDialect } from "../../../src/dialects/index.js";
import { reverseOps } from "../../../src/operations/reverse.js";
import type { Op } from "../../../src/operations/types.js";
import type { ColumnSnapshot, SchemaSnapshot, TableSnapshot } from "../../../src/snapshot/types.js";

const pg = await loadDialect("postgresql");

const col = (name: string, over: Partial<ColumnSnapshot> = {}): ColumnSnapshot => ({
  name, type: { kind: "integer" }, nullable: true, default: null, autoincrement: false, comment: null, ...over,
});
const tbl = (name: string, over: Partial<TableSnapshot> = {}): TableSnapshot => ({
  schema: null, name, columns: [col("id", { nullable: false, autoincrement: true })], primaryKey: { name: null, columns: ["id"] },
  foreignKeys: [], uniques: [], indexes: [], checks: [], comment: null, ...over,
});
const schema = (...tables: TableSnapshot[]): SchemaSnapshot => ({ tables, enums: [] });
const kinds = (ops: readonly Op[]) => ops.map((o) => `${o.kind}:${"table" in o && typeof o.table === "object" ? o.table.name : "table" in o ? o.table : ""}`);

const parent = tbl("parent");
const child = tbl("child", {
  columns: [col("id", { nullable: false, autoincrement: true }), col("parent_id", { nullable: false })],
  foreignKeys: [{ name: "fk_child_parent", columns: ["parent_id"], referredSchema: null, referredTable: "parent", referredColumns: ["id"], onDelete: null, onUpdate: null }],
});

describe("compareSchemas", () => {
  it("creates referenced tables first and drops them last in the downgrade", () => {
    const { ops } = compareSchemas(schema(child, parent), schema(), pg);
    expect(kinds(ops)).toEqual(["createTable:parent", "createTable:child"]);
    expect(kinds(reverseOps(ops))).toEqual(["dropTable:child", "dropTable:parent"]);
  });

  it("finds nothing when both sides are equal", () => {
    expect(compareSchemas(schema(parent, child), schema(parent, child), pg).ops).toEqual([]);
  });

  it("drops a table only in the database, and the downgrade recreates it as reflected", () => {
    const { ops } = compareSchemas(schema(parent), schema(parent, child), pg);
    expect(ops).toEqual([{ kind: "dropTable", table: child }]);
    expect(reverseOps(ops)).toEqual([{ kind: "createTable", table: child }]);
  });

  it("breaks a foreign-key cycle with createForeignKey after both tables", () => {
    const fk = (n: string, t: string) => ({ name: n, columns: ["other_id"], referredSchema: null, referredTable: t, referredColumns: ["id"], onDelete: null, onUpdate: null });
    const a = tbl("a", { columns: [col("id", { nullable: false }), col("other_id")], foreignKeys: [fk("fk_a_b", "b")] });
    const b = tbl("b", { columns: [col("id", { nullable: false }), col("other_id")], foreignKeys: [fk("fk_b_a", "a")] });
    const { ops } = compareSchemas(schema(a, b), schema(), pg);
    expect(kinds(ops)).toEqual(["createTable:a", "createTable:b", "createForeignKey:a"]);
    expect(kinds(reverseOps(ops))).toEqual(["dropConstraint:a", "dropTable:b", "dropTable:a"]);
  });

  it("alters a column carrying the existing values, and the downgrade swaps them", () => {
    const db = tbl("t", { columns: [col("id", { nullable: false }), col("price", { type: { kind: "numeric", precision: 8, scale: 2 }, nullable: false, default: "0" })] });
    const model = tbl("t", { columns: [col("id", { nullable: false }), col("price", { type: { kind: "numeric", precision: 10, scale: 2 }, nullable: true, default: "1" })] });
    const { ops } = compareSchemas(schema(model), schema(db), pg);
    expect(ops).toEqual([{
      kind: "alterColumn", schema: null, table: "t", column: "price",
      changes: { type: { kind: "numeric", precision: 10, scale: 2 }, nullable: true, default: "1" },
      existing: db.columns[1],
    }]);
    const [back] = reverseOps(ops);
    expect(back).toMatchObject({ kind: "alterColumn", changes: { type: { kind: "numeric", precision: 8, scale: 2 }, nullable: false, default: "0" } });
  });

  it("replaces an index with a unique constraint on the same column: drop the index, add the unique", () => {
    const db = tbl("t", { columns: [col("id"), col("email")], indexes: [{ name: "ix_t_email", columns: ["email"], unique: false, where: null }] });
    const model = tbl("t", { columns: [col("id"), col("email")], uniques: [{ name: "uq_t_email", columns: ["email"] }] });
    expect(kinds(compareSchemas(schema(model), schema(db), pg).ops)).toEqual(["dropIndex:t", "createUniqueConstraint:t"]);
  });

  it("matches an unnamed unique in the model with the database's named one", () => {
    const db = tbl("t", { columns: [col("id"), col("email")], uniques: [{ name: "t_email_key", columns: ["email"] }] });
    const model = tbl("t", { columns: [col("id"), col("email")], uniques: [{ name: null, columns: ["email"] }] });
    expect(compareSchemas(schema(model), schema(db), pg).ops).toEqual([]);
  });

  it("drops a constraint whose name changed only in case before creating it", () => {
    const db = tbl("t", { columns: [col("id"), col("email")], uniques: [{ name: "uq_email", columns: ["email"] }] });
    const model = tbl("t", { columns: [col("id"), col("email")], uniques: [{ name: "UQ_Email", columns: ["email"] }] });
    const ops = compareSchemas(schema(model), schema(db), pg).ops;
    expect(ops.map((o) => o.kind)).toEqual(["dropConstraint", "createUniqueConstraint"]);
  });

  it("drops and recreates a foreign key that gains ON DELETE CASCADE", () => {
    const model = { ...child, foreignKeys: [{ ...child.foreignKeys[0]!, onDelete: "CASCADE" as const }] };
    const ops = compareSchemas(schema(parent, model), schema(parent, child), pg).ops;
    expect(ops.map((o) => o.kind)).toEqual(["dropConstraint", "createForeignKey"]);
    expect(ops[1]).toMatchObject({ foreignKey: { onDelete: "CASCADE" } });
  });

  it("treats RESTRICT and NO ACTION as the default action", () => {
    const db = { ...child, foreignKeys: [{ ...child.foreignKeys[0]!, onDelete: "RESTRICT" as const, onUpdate: "NO ACTION" as const }] };
    expect(compareSchemas(schema(parent, child), schema(parent, db), pg).ops).toEqual([]);
  });

  it("warns about a likely rename and renames when hinted", () => {
    const db = tbl("t", { columns: [col("id"), col("name", { type: { kind: "text" } })] });
    const model = tbl("t", { columns: [col("id"), col("full_name", { type: { kind: "text" } })] });
    const plain = compareSchemas(schema(model), schema(db), pg);
    expect(plain.ops.map((o) => o.kind)).toEqual(["addColumn", "dropColumn"]);
    expect(plain.warnings.join("\n")).toContain("--rename t.name=full_name");
    const hinted = compareSchemas(schema(model), schema(db), pg, { renames: { tables: new Map(), columns: new Map([["t.full_name", "name"]]) } });
    expect(hinted.ops).toMatchObject([{ kind: "alterColumn", column: "name", changes: { newName: "full_name" } }]);
  });

  it("creates an enum type before the table that uses it and drops it after", () => {
    const e = { schema: null, name: "mood", values: ["happy", "sad"] };
    const t = tbl("t", { columns: [col("id"), col("mood", { type: { kind: "enum", name: "mood", values: ["happy", "sad"] } })] });
    const { ops } = compareSchemas({ tables: [t], enums: [e] }, schema(), pg);
    expect(ops.map((o) => o.kind)).toEqual(["createEnum", "createTable"]);
    expect(reverseOps(ops).map((o) => o.kind)).toEqual(["dropTable", "dropEnum"]);
  });

  it("renders one awaited op per statement", () => {
    const { ops } = compareSchemas(schema(child, parent), schema(), pg);
    const text = renderOps(ops);
    expect(text.match(/^ {2}await op\./gm)).toHaveLength(2);
    expect(text).toContain(`referredTable: "parent"`);
  });
});
