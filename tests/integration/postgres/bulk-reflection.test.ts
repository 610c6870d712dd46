/**
 * Reflection cost does not grow with the schema: the same number of queries for 5 and 50 tables.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Connection, Dialect } from "../../../src/dialects/dialect.js";
import { countingConnection } from "../../support/counting.js";
import { scratchDatabase, serverAvailable, type Scratch } from "../../support/databases.js";
import { apply, col, table } from "./harness.js";

const available = await serverAvailable("postgresql");

async function populate(d: Dialect, conn: Connection, count: number): Promise<void> {
  await apply(d, conn, { kind: "createEnum", enum: { schema: null, name: "state", values: ["x", "y"] } });
  for (let i = 0; i < count; i++) {
    await apply(d, conn, {
      kind: "createTable",
      table: table(`t${String(i).padStart(3, "0")}`, {
        comment: `table ${i}`,
        primaryKey: { name: `pk_t${i}`, columns: ["id"] },
        columns: [
          col("id", { kind: "integer" }, { nullable: false, autoincrement: true }),
          col("prev_id", { kind: "integer" }),
          col("name", { kind: "varchar", length: 40 }, { default: "'n'", comment: "a name" }),
          col("state", { kind: "enum", name: "state", values: ["x", "y"] }),
        ],
        foreignKeys: i === 0 ? [] : [{
          name: `fk_t${i}_prev`, columns: ["prev_id"], referredSchema: null,
          referredTable: `t${String(i - 1).padStart(3, "0")}`, referredColumns: ["id"], onDelete: "CASCADE", onUpdate: null,
        }],
        uniques: [{ name: `uq_t${i}_name`, columns: ["name"] }],
        indexes: [{ name: `ix_t${i}_lower`, columns: [{ expression: "lower(name)" }], unique: false, where: "prev_id IS NOT NULL" }],
        checks: [{ name: `ck_t${i}_name`, expression: "name <> ''" }],
      }),
    });
  }
}

describe.skipIf(!available)("postgres bulk reflection", () => {
  const scratches: Scratch[] = [];
  const conns: Connection[] = [];

  beforeAll(async () => {
    for (const n of [5, 50]) {
      const s = await scratchDatabase("postgresql");
      scratches.push(s);
      const c = await s.dialect.connect(s.url);
      conns.push(c);
      await populate(s.dialect, c, n);
    }
  });

  afterAll(async () => {
    for (const c of conns) await c.close();
    for (const s of scratches) await s.drop();
  });

  it("uses the same number of queries for 5 and for 50 tables", async () => {
    const counts: number[] = [];
    const tableCounts: number[] = [];
    for (let i = 0; i < 2; i++) {
      const counting = countingConnection(conns[i]!);
      const snap = await scratches[i]!.dialect.introspect(counting);
      counts.push(counting.count);
      tableCounts.push(snap.tables.length);
      expect(snap.tables.every((t) => t.indexes.length === 1 && t.uniques.length === 1 && t.checks.length === 1)).toBe(true);
    }
    expect(tableCounts).toEqual([5, 50]);
    expect(counts[0]).toBe(counts[1]);
    expect(counts[0]).toBeLessThanOrEqual(6);
  });

  it("excludeTable filters without extra queries", async () => {
    const counting = countingConnection(conns[1]!);
    const snap = await scratches[1]!.dialect.introspect(counting, { excludeTable: (_s, name) => name !== "t007" });
    expect(snap.tables.map((t) => t.name)).toEqual(["t007"]);
    expect(snap.tables[0]!.foreignKeys[0]).toMatchObject({ referredTable: "t006", onDelete: "CASCADE" });
    counting.reset();
    await scratches[0]!.dialect.introspect(counting);
    const full = counting.count;
    counting.reset();
    await scratches[1]!.dialect.introspect(counting, { excludeTable: () => true });
    expect(counting.count).toBe(full);
  });
});
