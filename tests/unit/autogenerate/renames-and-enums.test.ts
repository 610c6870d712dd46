import { describe, expect, it } from "vitest";
import { compareSchemas } from "../../../src/autogenerate/compare.js";
import { renderOps } from "../../../src/autogenerate/render.js";
import { resolveRenames, tableCandidates, type RenameCandidate } from "../../../src/autogenerate/renames.js";
import { loadDialect } from "../../../src/dialects/index.js";
import { reverseOps } from "../../../src/operations/reverse.js";
import type { ColumnSnapshot, EnumSnapshot, SchemaSnapshot, TableSnapshot } from "../../../src/snapshot/types.js";

const pg = await loadDialect("postgresql");
const noHints = { tables: new Map<string, string>(), columns: new Map<string, string>() };

const col = (name: string, over: Partial<ColumnSnapshot> = {}): ColumnSnapshot => ({
  name, type: { kind: "integer" }, nullable: true, default: null, autoincrement: false, comment: null, ...over,
});
const tbl = (name: string, columns: ColumnSnapshot[], over: Partial<TableSnapshot> = {}): TableSnapshot => ({
  schema: null, name, columns, primaryKey: null, foreignKeys: [], uniques: [], indexes: [], checks: [], comment: null, ...over,
});
const schema = (tables: TableSnapshot[], enums: EnumSnapshot[] = []): SchemaSnapshot => ({ tables, enums });
const text = { kind: "text" } as const;

describe("rename candidates", () => {
  it("a table sharing at least half of the new one's columns (name and type) is a candidate, best first", () => {
    const created = tbl("members", [col("id"), col("mail", { type: text }), col("city", { type: text })]);
    const close = tbl("users", [col("id"), col("email", { type: text }), col("city", { type: text })]);
    const closer = tbl("people", [col("id"), col("mail", { type: text }), col("city", { type: text })]);
    const far = tbl("logs", [col("id"), col("line", { type: text })]);
    expect(tableCandidates(created, [close, far, closer], pg).map((t) => t.name)).toEqual(["people", "users"]);
  });

  it("the resolver is asked about tables first, then columns inside the tables as matched; declined ones stay drop + add", async () => {
    const db = schema([tbl("users", [col("id"), col("name", { type: text }), col("city", { type: text }), col("zip", { type: text })])]);
    const model = schema([tbl("members", [col("id"), col("full_name", { type: text }), col("city", { type: text }), col("town", { type: text })])]);
    const asked: RenameCandidate[] = [];
    const hints = await resolveRenames(model, db, pg, noHints, async (c) => {
      asked.push(c);
      return c.to === "town" ? null : c.from[0]!;
    });
    expect(asked.map((c) => `${c.kind} ${c.table}.${c.to} <- ${c.from.join("|")}`)).toEqual([
      "table members.members <- users",
      "column members.full_name <- name|zip",
      "column members.town <- zip",
    ]);
    expect([...hints.tables]).toEqual([["members", "users"]]);
    expect([...hints.columns]).toEqual([["members.full_name", "name"]]);
    const { ops, warnings } = compareSchemas(model, db, pg, { renames: hints });
    expect(ops.map((o) => o.kind)).toEqual(["renameTable", "alterColumn", "addColumn", "dropColumn"]);
    expect(warnings).toEqual([expect.stringContaining("members.town is added while members.zip is dropped")]);
  });

  it("hints settle a candidate before the resolver sees it; a resolver answer outside the candidates is ignored", async () => {
    const db = schema([tbl("t", [col("id"), col("a"), col("b")])]);
    const model = schema([tbl("t", [col("id"), col("x"), col("y")])]);
    const asked: string[] = [];
    const hints = await resolveRenames(model, db, pg, { tables: new Map(), columns: new Map([["t.x", "a"]]) }, async (c) => {
      asked.push(`${c.to}<-${c.from.join("|")}`);
      return "nonsense";
    });
    expect(asked).toEqual(["y<-b"]);
    expect([...hints.columns]).toEqual([["t.x", "a"]]);
  });

  it("keys and indexes follow a renamed column, foreign keys a renamed table: only the renames", () => {
    const db = schema([
      tbl("accounts", [col("id"), col("email", { type: text })], {
        uniques: [{ name: "uq_email", columns: ["email"] }],
        indexes: [{ name: "ix_email", columns: ["email"], unique: false, where: null }],
      }),
      tbl("sessions", [col("id"), col("account_email", { type: text })], {
        foreignKeys: [{ name: "fk_s", columns: ["account_email"], referredSchema: null, referredTable: "accounts", referredColumns: ["email"], onDelete: null, onUpdate: null }],
      }),
    ]);
    const model = schema([
      tbl("users", [col("id"), col("mail", { type: text })], {
        uniques: [{ name: "uq_email", columns: ["mail"] }],
        indexes: [{ name: "ix_email", columns: ["mail"], unique: false, where: null }],
      }),
      tbl("sessions", [col("id"), col("account_email", { type: text })], {
        foreignKeys: [{ name: "fk_s", columns: ["account_email"], referredSchema: null, referredTable: "users", referredColumns: ["mail"], onDelete: null, onUpdate: null }],
      }),
    ]);
    const renames = { tables: new Map([["users", "accounts"]]), columns: new Map([["users.mail", "email"]]) };
    expect(compareSchemas(model, db, pg, { renames }).ops.map((o) => o.kind)).toEqual(["renameTable", "alterColumn"]);
  });
});

describe("enums", () => {
  const mood = (values: string[]): EnumSnapshot => ({ schema: null, name: "mood", values });
  const user = (values: string[]) => tbl("u", [col("id"), col("m", { type: { kind: "enum", name: "mood", values } })]);

  it("each added value is placed among those already there, and the downgrade rewrites the type without them", () => {
    const { ops } = compareSchemas(schema([user(["a", "x", "b", "y"])], [mood(["a", "x", "b", "y"])]), schema([user(["a", "b"])], [mood(["a", "b"])]), pg);
    expect(ops).toEqual([
      { kind: "addEnumValue", enum: mood(["a", "b"]), value: "x", before: null, after: "a" },
      { kind: "addEnumValue", enum: mood(["a", "x", "b"]), value: "y", before: null, after: "b" },
    ]);
    expect(reverseOps(ops)).toEqual([
      { kind: "replaceEnum", enum: mood(["a", "x", "b"]), existing: mood(["a", "x", "b", "y"]) },
      { kind: "replaceEnum", enum: mood(["a", "b"]), existing: mood(["a", "x", "b"]) },
    ]);
  });

  it("a removed or reordered value: a warning and a replaceEnum op, rendered with the existing values", () => {
    for (const values of [["a"], ["b", "a"]]) {
      const { ops, warnings } = compareSchemas(schema([user(values)], [mood(values)]), schema([user(["a", "b"])], [mood(["a", "b"])]), pg);
      expect(ops).toEqual([{ kind: "replaceEnum", enum: mood(values), existing: mood(["a", "b"]) }]);
      expect(warnings).toEqual([expect.stringMatching(/^enum mood: (value 'b' removed|values reordered)/)]);
      expect(renderOps(ops)).toBe(`  await op.replaceEnum("mood", ${JSON.stringify(values).replace(/,/g, ", ")}, { existingValues: ["a", "b"] });`);
    }
  });

  it("a type the model dropped is dropped once the last column using it goes; an orphan type nobody released stays", () => {
    const dropColumn = compareSchemas(schema([tbl("u", [col("id")])]), schema([user(["a"])], [mood(["a"])]), pg);
    expect(dropColumn.ops.map((o) => o.kind)).toEqual(["dropColumn", "dropEnum"]);
    const orphan = compareSchemas(schema([tbl("u", [col("id")])]), schema([tbl("u", [col("id")])], [mood(["a"])]), pg);
    expect(orphan.ops).toEqual([]);
  });
});
