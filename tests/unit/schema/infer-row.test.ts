import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, expectTypeOf, it } from "vitest";
import {
  MetaData, table, integer, bigint, smallint, varchar, char, text, boolean, real, double, numeric, date, time,
  timestamp, json, jsonb, uuid, blob, enumType, sql,
} from "../../../src/schema/index.js";
import type { ColumnRef, InferRow, SqlFragment } from "../../../src/schema/index.js";

const metadata = new MetaData();
const sizes = ["s", "m", "l"] as const;
const kinds: string[] = ["x", "y"];

const users = table(metadata, "users", {
  id: integer().primaryKey(),
  email: varchar(255).notNull().unique(),
  bio: varchar(500),
  isActive: boolean("is_active").notNull().serverDefault(sql`true`),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().serverDefault(sql`CURRENT_TIMESTAMP`),
});

const everything = table(metadata, "everything", {
  big: bigint().notNull(),
  small: smallint().notNull(),
  r: real().notNull(),
  d: double(),
  price: numeric("price", 10, 2).notNull(),
  code: char(2).notNull(),
  body: text(),
  id: uuid().primaryKey(),
  day: date().notNull(),
  at: time().notNull(),
  doc: json(),
  docb: jsonb().notNull(),
  bytes: blob(),
  status: enumType("status", ["active", "archived"]).notNull(),
  maybeStatus: enumType("status", ["active", "archived"]),
  relaxed: integer().notNull().nullable(),
  tightened: text().nullable().notNull(),
  counted: integer().default(0).notNull(),
  fromTuple: enumType("size", sizes).notNull(),
  fromArray: enumType("kind", kinds).notNull(),
});

describe("InferRow", () => {
  it("gives the row of the DESIGN.md users table, keyed by property key", () => {
    expectTypeOf<InferRow<typeof users>>().toEqualTypeOf<{
      id: number;
      email: string;
      bio: string | null;
      isActive: boolean;
      createdAt: Date;
    }>();
  });

  it("maps every column type, adding null where the column is nullable", () => {
    expectTypeOf<InferRow<typeof everything>>().toEqualTypeOf<{
      big: string;
      small: number;
      r: number;
      d: number | null;
      price: string;
      code: string;
      body: string | null;
      id: string;
      day: string;
      at: string;
      doc: unknown;
      docb: unknown;
      bytes: Uint8Array | null;
      status: "active" | "archived";
      maybeStatus: "active" | "archived" | null;
      relaxed: number | null;
      tightened: string;
      counted: number;
      fromTuple: "s" | "m" | "l";
      fromArray: string;
    }>();
  });

  it("types column refs and rejects what the models do not declare", () => {
    expectTypeOf(users.email).toEqualTypeOf<ColumnRef<string, false>>();
    expectTypeOf(users.email.name).toEqualTypeOf<string>();
    // @ts-expect-error -- users has no such column
    expect(users.nocolumn).toBeUndefined();
    // @ts-expect-error -- a client default must have the column's type
    expect(() => integer().default("zero")).not.toThrow();
    // @ts-expect-error -- strings cannot be interpolated into sql
    expect(() => sql`a = ${"b"}`).toThrow();
    expectTypeOf(sql`x`).toEqualTypeOf<SqlFragment>();
  });

  it("holds: this file type-checks under the project's compiler settings", () => {
    const file = fileURLToPath(import.meta.url);
    const program = ts.createProgram([file], {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      verbatimModuleSyntax: true,
      skipLibCheck: true,
      types: ["node"],
    });
    const problems = ts.getPreEmitDiagnostics(program).map((d) => {
      const where = d.file ? `${d.file.fileName}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}: ` : "";
      return where + ts.flattenDiagnosticMessageText(d.messageText, "\n");
    });
    expect(problems).toEqual([]);
  });
});
