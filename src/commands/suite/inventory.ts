/**
 * What a scratch database holds (tables with everything in them, enum types, and what the
 * dialect lists besides: sequences, views, other types), and the differences between two
 * such inventories in words.
 */
import { compareSchemas } from "../../autogenerate/compare.js";
import { bookkeepingTables, type ResolvedConfig } from "../../config/load.js";
import type { Dialect, LeftoverObject } from "../../dialects/dialect.js";
import { qualifiedName, type SchemaSnapshot } from "../../snapshot/types.js";
import { describeChange } from "./describe-change.js";

export interface Inventory {
  readonly schema: SchemaSnapshot;
  /** "sequence s", "view v", "enum type e": objects outside tables, named once each. */
  readonly others: readonly string[];
}

export async function takeInventory(db: ResolvedConfig, dialect: Dialect): Promise<Inventory> {
  const own = bookkeepingTables(db);
  const conn = await dialect.connect(db.url!);
  try {
    const schema = await dialect.introspect(conn, {
      excludeTable: (s, name) => own.names.includes(name) && (s ?? null) === (own.schema ?? null),
    });
    const listed = await dialect.listLeftovers(conn);
    const others = [
      ...schema.enums.map((e) => `enum type ${qualifiedName(e)}`),
      ...listed.map((o: LeftoverObject) => `${o.kind} ${qualifiedName(o)}`),
    ];
    return { schema, others: [...new Set(others)].sort() };
  } finally {
    await conn.close();
  }
}

/** Every table and other object in an inventory, in words: what a downgrade to base must remove. */
export function contents(inv: Inventory): string[] {
  return [...inv.schema.tables.map((t) => `table ${qualifiedName(t)}`), ...inv.others];
}

export interface Differences {
  /** Objects in `after` that were not in `before`. */
  readonly left: readonly string[];
  /** Objects in `before` that are gone from `after`. */
  readonly removed: readonly string[];
  /** Objects in both, changed. */
  readonly changed: readonly string[];
}

/** The dialect hooks a comparison of two reflections needs. */
export type InventoryDialect = Parameters<typeof compareSchemas>[2];

/**
 * How `after` differs from `before`. Both are reflections by the same dialect, so
 * autogenerate's comparison (which lists the ops turning `after` back into `before`) says
 * exactly what is extra, missing or different.
 */
export function differences(after: Inventory, before: Inventory, dialect: InventoryDialect): Differences {
  const left: string[] = [];
  const removed: string[] = [];
  const changed: string[] = [];
  const { ops } = compareSchemas(before.schema, after.schema, dialect);
  for (const op of ops) {
    const c = describeChange(op);
    // Enum types are counted with `others`, where every dialect's types and sequences are.
    if (op.kind === "createEnum" || op.kind === "dropEnum") continue;
    if (c.action === "drop") left.push(c.what);
    else if (c.action === "add") removed.push(c.what);
    else changed.push(c.what);
  }
  left.push(...after.others.filter((o) => !before.others.includes(o)));
  removed.push(...before.others.filter((o) => !after.others.includes(o)));
  return { left, removed, changed };
}

/** "table tags, index ix_a on users and enum type status". */
export function listWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** The differences as one clause each: "left table tags behind; removed column users.x". */
export function describeDifferences(d: Differences): string | null {
  const parts: string[] = [];
  if (d.left.length > 0) parts.push(`left ${listWords(d.left)} behind`);
  if (d.removed.length > 0) parts.push(`removed ${listWords(d.removed)}, which existed before its upgrade`);
  if (d.changed.length > 0) parts.push(`did not restore ${listWords(d.changed)}`);
  return parts.length === 0 ? null : parts.join("; ");
}
