import type { Connection } from "../dialects/dialect.js";
import { diffVersionRows } from "../script/index.js";
import { BookkeepingTable } from "./bookkeeping-table.js";
import type { Op } from "../operations/types.js";
import type { TableSnapshot } from "../snapshot/types.js";

/** Where each database stands: one row per head in a one-column table. */
export class VersionTable extends BookkeepingTable {
  snapshot(): TableSnapshot {
    return {
      schema: this.schema,
      name: this.name,
      columns: [{ name: "version_num", type: { kind: "varchar", length: 32 }, nullable: false, default: null, autoincrement: false, comment: null }],
      primaryKey: { name: `${this.name}_pkc`, columns: ["version_num"] },
      foreignKeys: [], uniques: [], indexes: [], checks: [], comment: null,
    };
  }

  createOp(): Op {
    return { kind: "createTable", table: this.snapshot() };
  }

  /** The rows, or null when the table does not exist yet. */
  async read(conn: Connection): Promise<string[] | null> {
    try {
      const rows = await conn.query<{ version_num: string }>(`SELECT version_num FROM ${this.qualified}`);
      return rows.map((r) => String(r.version_num)).sort();
    } catch {
      return null;
    }
  }

  /** Empties the table (stamp --purge: rows no file defines go too). */
  deleteAll(): string {
    return `DELETE FROM ${this.qualified}`;
  }

  /**
   * Statements that turn the rows `before` into `after`, as Alembic does: a linear step
   * updates its row, entering a branch inserts one, a merge deletes one parent's row and
   * updates the other's, reaching base deletes.
   */
  transition(before: readonly string[], after: readonly string[]): string[] {
    const lit = (v: string) => this.dialect.literal(v);
    return diffVersionRows(before, after).map((a) => {
      switch (a.kind) {
        case "update": return `UPDATE ${this.qualified} SET version_num = ${lit(a.to)} WHERE version_num = ${lit(a.from)}`;
        case "delete": return `DELETE FROM ${this.qualified} WHERE version_num = ${lit(a.revision)}`;
        case "insert": return `INSERT INTO ${this.qualified} (version_num) VALUES (${lit(a.revision)})`;
      }
    });
  }
}
