import type { Op } from "../operations/types.js";
import { qualifiedName, type EnumSnapshot, type SchemaSnapshot, type TableSnapshot } from "../snapshot/types.js";
import { compareTable, type TableDiff } from "./compare-table.js";
import type { CompareDialect, CompareOptions, CompareResult } from "./context.js";
import { conventionalName } from "./names.js";
import { creationOrder } from "./order.js";

/**
 * The ops that turn the database's schema into the model's. A pure function of two
 * snapshots: neither is mutated, and the result depends on nothing else.
 *
 * Phases: enums are created first; then renames; foreign keys that go away are dropped
 * (so referenced tables and columns can go); new tables are created in dependency order;
 * each existing table is altered (indexes and constraints dropped before the columns they
 * use, added after them); new foreign keys are added once every table exists; removed
 * tables are dropped, referencing ones first; unused enums last.
 */
export function compareSchemas(model: SchemaSnapshot, db: SchemaSnapshot, dialect: CompareDialect, options: CompareOptions = {}): CompareResult {
  const warnings: string[] = [];
  const dbTables = new Map(db.tables.map((t) => [qualifiedName(t), t]));
  const modelKeys = new Set(model.tables.map(qualifiedName));
  const renames = options.renames ?? { tables: new Map(), columns: new Map() };

  const renameOps: Op[] = [];
  const pairs: [TableSnapshot, TableSnapshot][] = [];
  const created: TableSnapshot[] = [];
  const matchedDb = new Set<string>();
  for (const t of model.tables) {
    const key = qualifiedName(t);
    let existing = dbTables.get(key);
    const oldName = renames.tables.get(key) ?? renames.tables.get(t.name);
    if (!existing && oldName) {
      const oldKey = qualifiedName({ schema: t.schema, name: oldName });
      const old = dbTables.get(oldKey);
      if (old && !modelKeys.has(oldKey)) {
        renameOps.push({ kind: "renameTable", schema: t.schema, from: oldName, to: t.name });
        existing = { ...old, name: t.name };
        matchedDb.add(oldKey);
      }
    }
    if (existing) {
      matchedDb.add(key);
      pairs.push([t, existing]);
    } else created.push(t);
  }
  const dropped = db.tables.filter((t) => !matchedDb.has(qualifiedName(t)));

  const diffs: TableDiff[] = pairs.map(([m, d]) => {
    const prefix = `${m.name}.`;
    const columnRenames = new Map<string, string>();
    for (const [k, v] of renames.columns) if (k.startsWith(prefix)) columnRenames.set(k.slice(prefix.length), v);
    return compareTable(m, d, dialect, options, columnRenames);
  });
  for (const d of diffs) warnings.push(...d.warnings);
  warnRenameCandidates(created, dropped, dialect, warnings);

  const enums = compareEnums(model, db, dialect, warnings);
  const order = creationOrder(created);
  const droppedOps = dropTables(dropped);

  const ops: Op[] = [
    ...enums.create,
    ...renameOps,
    ...diffs.flatMap((d) => d.dropForeignKeys),
    ...droppedOps.dropForeignKeys,
    ...order.tables.map((table): Op => ({ kind: "createTable", table })),
    ...diffs.flatMap((d) => [...d.dropIndexesAndConstraints, ...d.columns, ...d.dropColumns, ...d.addConstraintsAndIndexes]),
    ...order.deferred.map(({ table, foreignKey }): Op => ({
      kind: "createForeignKey", schema: table.schema, table: table.name,
      foreignKey: { ...foreignKey, name: foreignKey.name ?? conventionalName("fk", table.name, foreignKey.columns, foreignKey.referredTable) },
    })),
    ...diffs.flatMap((d) => d.addForeignKeys),
    ...droppedOps.dropTables,
    ...enums.drop,
  ];
  return { ops, warnings };
}

/**
 * Drop removed tables, referencing ones first. Foreign keys inside a cycle of removed
 * tables are dropped explicitly beforehand, and left out of the dropped table's snapshot,
 * so the downgrade can recreate the tables and then the keys.
 */
function dropTables(tables: readonly TableSnapshot[]): { dropForeignKeys: Op[]; dropTables: Op[] } {
  const order = creationOrder(tables);
  const dropForeignKeys: Op[] = order.deferred.map(({ table, foreignKey }) => ({
    kind: "dropConstraint", schema: table.schema, table: table.name,
    name: foreignKey.name ?? conventionalName("fk", table.name, foreignKey.columns, foreignKey.referredTable),
    type: "foreignkey", prior: foreignKey,
  }));
  const dropTablesOps: Op[] = [...order.tables].reverse().map((table) => ({ kind: "dropTable", table }));
  return { dropForeignKeys, dropTables: dropTablesOps };
}

function warnRenameCandidates(created: readonly TableSnapshot[], dropped: readonly TableSnapshot[], dialect: CompareDialect, warnings: string[]): void {
  for (const c of created) {
    const twin = dropped.find((d) =>
      d.columns.length === c.columns.length &&
      d.columns.every((col, i) => col.name === c.columns[i]!.name && dialect.typesEqual(col.type, c.columns[i]!.type)));
    if (twin) {
      warnings.push(
        `table ${c.name} is added while ${twin.name} is dropped with the same columns: if this is a rename, ` +
        `run again with --rename ${twin.name}=${c.name} or give the table renamedFrom: "${twin.name}"; as written, the data in ${twin.name} is lost`,
      );
    }
  }
}

function compareEnums(model: SchemaSnapshot, db: SchemaSnapshot, dialect: CompareDialect, warnings: string[]): { create: Op[]; drop: Op[] } {
  if (!dialect.namedEnums) return { create: [], drop: [] };
  const key = (e: EnumSnapshot) => qualifiedName(e);
  const dbEnums = new Map(db.enums.map((e) => [key(e), e]));
  const modelEnums = new Map(model.enums.map((e) => [key(e), e]));
  const create: Op[] = [];
  for (const e of model.enums) {
    const existing = dbEnums.get(key(e));
    if (!existing) {
      create.push({ kind: "createEnum", enum: e });
      continue;
    }
    const removed = existing.values.filter((v) => !e.values.includes(v));
    const kept = e.values.filter((v) => existing.values.includes(v));
    const reordered = kept.some((v, i) => existing.values.filter((x) => e.values.includes(x))[i] !== v);
    if (removed.length > 0 || reordered) {
      warnings.push(
        `enum ${e.name}: ${removed.length > 0 ? `values ${removed.map((v) => `'${v}'`).join(", ")} removed` : "values reordered"} in the model; ` +
        `PostgreSQL cannot do this in place: write the migration by hand (create a new type, convert the columns, drop the old type)`,
      );
      continue;
    }
    for (const v of e.values) {
      if (existing.values.includes(v)) continue;
      const idx = e.values.indexOf(v);
      const after = e.values.slice(0, idx).reverse().find((x) => existing.values.includes(x)) ?? null;
      const before = after === null ? e.values.slice(idx + 1).find((x) => existing.values.includes(x)) ?? null : null;
      create.push({ kind: "addEnumValue", enum: existing, value: v, before, after });
    }
  }
  const used = new Set(model.tables.flatMap((t) => t.columns.flatMap((c) => (c.type.kind === "enum" ? [c.type.name] : []))));
  const drop: Op[] = db.enums
    .filter((e) => !modelEnums.has(key(e)) && !used.has(e.name))
    .map((e) => ({ kind: "dropEnum", enum: e }));
  return { create, drop };
}
