import { withEnumValue } from "../operations/reverse.js";
import type { Op } from "../operations/types.js";
import { qualifiedName, type ColumnType, type EnumSnapshot, type SchemaSnapshot, type TableSnapshot } from "../snapshot/types.js";
import { compareTable, type TableDiff } from "./compare-table.js";
import type { CompareDialect, CompareOptions, CompareResult } from "./context.js";
import { conventionalName } from "./names.js";
import { creationOrder } from "./order.js";
import { tableCandidates } from "./renames.js";
import { renamedReferences, renamedView, type AppliedRenames } from "./rename-view.js";

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
  /** Each model table with its database counterpart, and the counterpart's own (old) key. */
  const pairs: [TableSnapshot, TableSnapshot, string][] = [];
  const created: TableSnapshot[] = [];
  const matchedDb = new Set<string>();
  const tableRenames = new Map<string, string>();
  for (const t of model.tables) {
    const key = qualifiedName(t);
    let existing = dbTables.get(key);
    let existingKey = key;
    const oldName = renames.tables.get(key) ?? renames.tables.get(t.name);
    if (!existing && oldName) {
      const oldKey = qualifiedName({ schema: t.schema, name: oldName });
      const old = dbTables.get(oldKey);
      if (old && !modelKeys.has(oldKey)) {
        renameOps.push({ kind: "renameTable", schema: t.schema, from: oldName, to: t.name });
        tableRenames.set(oldKey, t.name);
        existing = { ...old, name: t.name };
        existingKey = oldKey;
      }
    }
    if (existing) {
      matchedDb.add(existingKey);
      pairs.push([t, existing, existingKey]);
    } else created.push(t);
  }
  const dropped = db.tables.filter((t) => !matchedDb.has(qualifiedName(t)));

  // Column renames that apply: the new name is not in the database, the old one is and leaves the model.
  const columnRenames = new Map<string, Map<string, string>>();
  for (const [m, d, oldKey] of pairs) {
    const applied = new Map<string, string>();
    for (const c of m.columns) {
      const old = renames.columns.get(`${m.name}.${c.name}`);
      if (old === undefined || d.columns.some((x) => x.name === c.name)) continue;
      if (d.columns.some((x) => x.name === old) && !m.columns.some((x) => x.name === old)) applied.set(old, c.name);
    }
    if (applied.size > 0) columnRenames.set(oldKey, applied);
  }
  const applied: AppliedRenames = { tables: tableRenames, columns: columnRenames };

  const diffs: TableDiff[] = pairs.map(([m, d, oldKey]) => {
    const newToOld = new Map([...(columnRenames.get(oldKey) ?? [])].map(([o, n]) => [n, o]));
    return compareTable(m, d, renamedView(d, oldKey, applied), dialect, options, newToOld, (fk) => renamedReferences(fk, applied, false));
  });
  for (const d of diffs) warnings.push(...d.warnings);
  warnRenameCandidates(created, dropped, dialect, warnings);

  const enums = compareEnums(model, db, dialect, warnings, releasedEnums(dropped, diffs));
  const order = creationOrder(created);
  // A dropped table comes back early in the downgrade, while the renames are still in place.
  const droppedOps = dropTables(dropped.map((t) => ({ ...t, foreignKeys: t.foreignKeys.map((fk) => renamedReferences(fk, applied, true)) })));

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
    const twins = tableCandidates(c, dropped, dialect).map((d) => d.name);
    if (twins.length === 0) continue;
    const hint = twins.map((t) => `--rename ${t}=${c.name}`).join(" or ");
    warnings.push(
      `table ${qualifiedName(c)} is added while ${twins.join(", ")} ${twins.length > 1 ? "are" : "is"} dropped, with columns in common: ` +
      `if this is a rename, run again with ${hint} or give the table renamedFrom: "${twins[0]}"; ` +
      `as written, the data in ${twins.join(", ")} is lost`,
    );
  }
}

/** Bare name of an enum column type (reflection spells it schema.name outside the default schema). */
function enumTypeName(type: ColumnType): string | null {
  if (type.kind !== "enum") return null;
  const dot = type.name.indexOf(".");
  return dot < 0 ? type.name : type.name.slice(dot + 1);
}

/** Enum types that columns going away in this diff (dropped tables and columns, type changes) used. */
function releasedEnums(dropped: readonly TableSnapshot[], diffs: readonly TableDiff[]): Set<string> {
  const types: ColumnType[] = dropped.flatMap((t) => t.columns.map((c) => c.type));
  for (const op of diffs.flatMap((d) => [...d.columns, ...d.dropColumns])) {
    if (op.kind === "dropColumn") types.push(op.column.type);
    if (op.kind === "alterColumn" && op.changes.type !== undefined) types.push(op.existing.type);
  }
  return new Set(types.flatMap((t) => enumTypeName(t) ?? []));
}

/**
 * Enums: created when new, values added in place, rewritten (with a warning) when values go
 * away or move. A type the model no longer has is dropped once the last column this diff
 * removes stops using it; a type no column of ours ever used may belong to a table the
 * filters keep out of sight, and is left alone.
 */
function compareEnums(
  model: SchemaSnapshot, db: SchemaSnapshot, dialect: CompareDialect, warnings: string[], released: ReadonlySet<string>,
): { create: Op[]; drop: Op[] } {
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
    const keptBefore = existing.values.filter((v) => e.values.includes(v));
    const reordered = kept.some((v, i) => keptBefore[i] !== v);
    if (removed.length > 0 || reordered) {
      const what = removed.length > 0
        ? `value${removed.length > 1 ? "s" : ""} ${removed.map((v) => `'${v}'`).join(", ")} removed`
        : "values reordered";
      const rows = removed.length > 0
        ? `; the upgrade fails while rows holding ${removed.map((v) => `'${v}'`).join(", ")} remain: update them first (op.execute before it)`
        : "";
      warnings.push(
        `enum ${qualifiedName(e)}: ${what} in the model; PostgreSQL cannot change an enum in place, so the revision ` +
        `rewrites the type (replaceEnum: new type, every column converted, old type dropped)${rows}`,
      );
      create.push({ kind: "replaceEnum", enum: e, existing });
      continue;
    }
    // Each added value is placed next to one already there; each op carries the type as it is just before it.
    let current = existing;
    for (const v of e.values) {
      if (current.values.includes(v)) continue;
      const idx = e.values.indexOf(v);
      const after = e.values.slice(0, idx).reverse().find((x) => current.values.includes(x)) ?? null;
      const before = after === null ? e.values.slice(idx + 1).find((x) => current.values.includes(x)) ?? null : null;
      const op: Op = { kind: "addEnumValue", enum: current, value: v, before, after };
      create.push(op);
      current = { ...current, values: withEnumValue(op) };
    }
  }
  const used = new Set(model.tables.flatMap((t) => t.columns.flatMap((c) => enumTypeName(c.type) ?? [])));
  const drop: Op[] = db.enums
    .filter((e) => !modelEnums.has(key(e)) && !used.has(e.name) && released.has(e.name))
    .map((e) => ({ kind: "dropEnum", enum: e }));
  return { create, drop };
}
