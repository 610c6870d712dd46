import type { Connection } from "../dialects/dialect.js";
import { BookkeepingTable } from "./bookkeeping-table.js";
import type { Op } from "../operations/types.js";
import type { TableSnapshot } from "../snapshot/types.js";

/** What a history row says was done: a revision run up or down, or the version table stamped. */
export type HistoryDirection = "upgrade" | "downgrade" | "stamp";

export interface HistoryEntry {
  readonly revision: string;
  readonly direction: HistoryDirection;
  /** Null when the script ran offline (`--sql`), where nobody timed it. */
  readonly durationMs: number | null;
  /** sha256 of the revision file (see checksum.ts); null when no file was at hand. */
  readonly checksum: string | null;
}

export interface HistoryRow extends HistoryEntry {
  readonly id: number;
  readonly appliedAt: string;
}

const COLUMNS = ["revision", "direction", "applied_at", "duration_ms", "checksum"] as const;

/** The audit trail: one row per applied step, appended in the step's own transaction. */
export class HistoryTable extends BookkeepingTable {
  snapshot(): TableSnapshot {
    const column = (name: string, type: TableSnapshot["columns"][number]["type"], nullable: boolean, autoincrement = false) =>
      ({ name, type, nullable, default: null, autoincrement, comment: null });
    return {
      schema: this.schema,
      name: this.name,
      columns: [
        column("id", { kind: "integer" }, false, true),
        column("revision", { kind: "varchar", length: 32 }, false),
        column("direction", { kind: "varchar", length: 16 }, false),
        column("applied_at", { kind: "timestamp", withTimezone: true }, false),
        column("duration_ms", { kind: "integer" }, true),
        column("checksum", { kind: "varchar", length: 64 }, true),
      ],
      primaryKey: { name: `${this.name}_pkey`, columns: ["id"] },
      foreignKeys: [], uniques: [], indexes: [], checks: [], comment: null,
    };
  }

  createOp(): Op {
    return { kind: "createTable", table: this.snapshot() };
  }

  /** Whether the table exists (a database migrated before the audit trail existed has none). */
  async exists(conn: Connection): Promise<boolean> {
    try {
      await conn.query(`SELECT ${this.dialect.quoteIdentifier("id")} FROM ${this.qualified} WHERE 1 = 0`);
      return true;
    } catch {
      return false;
    }
  }

  insert(entry: HistoryEntry): string {
    const q = this.dialect.quoteIdentifier;
    const lit = (v: unknown) => this.dialect.literal(v);
    // The database's clock, not ours: an offline script records when it was actually applied.
    const values = [lit(entry.revision), lit(entry.direction), "CURRENT_TIMESTAMP", lit(entry.durationMs), lit(entry.checksum)];
    return `INSERT INTO ${this.qualified} (${COLUMNS.map(q).join(", ")}) VALUES (${values.join(", ")})`;
  }

  /** Every row, oldest first; null when the table does not exist. */
  async read(conn: Connection): Promise<HistoryRow[] | null> {
    const q = this.dialect.quoteIdentifier;
    let rows: Record<string, unknown>[];
    try {
      rows = await conn.query(`SELECT ${["id", ...COLUMNS].map(q).join(", ")} FROM ${this.qualified} ORDER BY ${q("id")}`);
    } catch {
      return null;
    }
    return rows.map((r) => ({
      id: Number(r.id),
      revision: String(r.revision),
      direction: String(r.direction) as HistoryDirection,
      appliedAt: r.applied_at instanceof Date ? r.applied_at.toISOString() : String(r.applied_at),
      durationMs: r.duration_ms === null || r.duration_ms === undefined ? null : Number(r.duration_ms),
      checksum: r.checksum === null || r.checksum === undefined ? null : String(r.checksum),
    }));
  }
}
