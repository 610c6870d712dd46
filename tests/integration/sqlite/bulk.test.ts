import { describe, expect, it } from "vitest";
import { countingConnection } from "../../support/counting.js";
import { col, openScratch, run, table, type Db } from "./helpers.js";

/** n tables in a chain: each references the previous one and has an index, a unique and a check. */
async function build(db: Db, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    const prev = i === 0 ? null : `t${i - 1}`;
    await run(db, { kind: "createTable", table: table(`t${i}`, [
      col("id", { kind: "integer" }, { nullable: false, autoincrement: true }),
      col("code", { kind: "varchar", length: 10 }),
      col("prev_id", { kind: "integer" }),
    ], {
      primaryKey: { name: null, columns: ["id"] },
      uniques: [{ name: `uq_t${i}_code`, columns: ["code"] }],
      checks: [{ name: `ck_t${i}`, expression: "length(code) > 1" }],
      foreignKeys: prev ? [{ name: `fk_t${i}`, columns: ["prev_id"], referredSchema: null, referredTable: prev, referredColumns: ["id"], onDelete: "CASCADE", onUpdate: null }] : [],
      indexes: [{ name: `ix_t${i}_prev`, columns: ["prev_id"], unique: false, where: null }],
    }) });
  }
}

async function countFor(n: number): Promise<{ queries: number; tables: number; fks: number; indexes: number }> {
  const db = await openScratch();
  try {
    await build(db, n);
    const counting = countingConnection(db.conn);
    const snap = await db.dialect.introspect(counting);
    return {
      queries: counting.count,
      tables: snap.tables.length,
      fks: snap.tables.reduce((s, t) => s + t.foreignKeys.length, 0),
      indexes: snap.tables.reduce((s, t) => s + t.indexes.length, 0),
    };
  } finally {
    await db.close();
  }
}

describe("sqlite reflection is bulk", () => {
  it("introspecting 5 and 50 tables takes the same number of queries", async () => {
    const small = await countFor(5);
    const large = await countFor(50);
    expect(small).toMatchObject({ tables: 5, fks: 4, indexes: 5 });
    expect(large).toMatchObject({ tables: 50, fks: 49, indexes: 50 });
    expect(large.queries).toBe(small.queries);
    expect(small.queries).toBeLessThanOrEqual(5);
  });
});
