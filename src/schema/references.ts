import type { ReferentialAction } from "../snapshot/types.js";
import { modelsError } from "./errors.js";

const ACTIONS: readonly ReferentialAction[] = ["CASCADE", "SET NULL", "SET DEFAULT", "RESTRICT", "NO ACTION"];

export interface ReferentialActions {
  readonly onDelete?: ReferentialAction;
  readonly onUpdate?: ReferentialAction;
}

/** Accepts any case and spacing ("set null") so plain-JS models get the same result. */
export function referentialAction(value: unknown, what: string): ReferentialAction | null {
  if (value === undefined || value === null) return null;
  const upper = typeof value === "string" ? value.trim().replace(/\s+/g, " ").toUpperCase() : "";
  const action = ACTIONS.find((a) => a === upper);
  if (!action) throw modelsError(`${what} must be one of ${ACTIONS.join(", ")}, got ${JSON.stringify(value)}`);
  return action;
}

/** A table named as "table" or "schema.table". */
export interface TableTarget {
  readonly schema: string | null;
  readonly table: string;
}

export interface ColumnTarget extends TableTarget {
  readonly column: string;
}

function parts(text: unknown, what: string, min: number, max: number): readonly string[] {
  const pieces = typeof text === "string" ? text.split(".") : [];
  if (pieces.length < min || pieces.length > max || pieces.some((p) => p.trim() === "")) {
    throw modelsError(`${what}: expected ${min === 1 ? '"table" or "schema.table"' : '"table.column" or "schema.table.column"'}, got ${JSON.stringify(text)}`);
  }
  return pieces;
}

export function parseColumnTarget(text: unknown, what: string): ColumnTarget {
  const p = parts(text, what, 2, 3);
  return p.length === 3
    ? { schema: p[0]!, table: p[1]!, column: p[2]! }
    : { schema: null, table: p[0]!, column: p[1]! };
}

export function parseTableTarget(text: unknown, what: string): TableTarget {
  const p = parts(text, what, 1, 2);
  return p.length === 2 ? { schema: p[0]!, table: p[1]! } : { schema: null, table: p[0]! };
}
