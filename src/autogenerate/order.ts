import { qualifiedName, type ForeignKeySnapshot, type TableSnapshot } from "../snapshot/types.js";

export interface CreationOrder {
  /** Tables in an order where each one's references exist before it. */
  readonly tables: readonly TableSnapshot[];
  /** Foreign keys that close a cycle: created after every table exists. */
  readonly deferred: readonly { readonly table: TableSnapshot; readonly foreignKey: ForeignKeySnapshot }[];
}

function refKey(table: TableSnapshot, fk: ForeignKeySnapshot): string {
  return qualifiedName({ schema: fk.referredSchema ?? table.schema, name: fk.referredTable });
}

/**
 * Order tables so that referenced tables come first (Kahn's algorithm, ties by name).
 * When only cycles remain, the first remaining table is taken and its foreign keys to
 * tables not yet placed are deferred; self-references never block.
 */
export function creationOrder(tables: readonly TableSnapshot[]): CreationOrder {
  const byKey = new Map(tables.map((t) => [qualifiedName(t), t]));
  const pending = new Map<string, Set<string>>();
  for (const t of tables) {
    const deps = new Set<string>();
    for (const fk of t.foreignKeys) {
      const k = refKey(t, fk);
      if (k !== qualifiedName(t) && byKey.has(k)) deps.add(k);
    }
    pending.set(qualifiedName(t), deps);
  }
  const placed = new Set<string>();
  const ordered: TableSnapshot[] = [];
  const deferred: { table: TableSnapshot; foreignKey: ForeignKeySnapshot }[] = [];
  const keys = [...byKey.keys()].sort();
  while (placed.size < keys.length) {
    let next = keys.find((k) => !placed.has(k) && [...pending.get(k)!].every((d) => placed.has(d)));
    if (next === undefined) {
      next = keys.find((k) => !placed.has(k))!;
      const t = byKey.get(next)!;
      const keep: ForeignKeySnapshot[] = [];
      for (const fk of t.foreignKeys) {
        const k = refKey(t, fk);
        if (k === next || placed.has(k) || !byKey.has(k)) keep.push(fk);
        else deferred.push({ table: t, foreignKey: fk });
      }
      byKey.set(next, { ...t, foreignKeys: keep });
    }
    placed.add(next);
    ordered.push(byKey.get(next)!);
  }
  return { tables: ordered, deferred };
}
