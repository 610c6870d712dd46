import { qualifiedName, type ForeignKeySnapshot, type TableSnapshot } from "../snapshot/types.js";

/**
 * Renames this diff performs, keyed by the database's own (old) names: the servers carry keys,
 * indexes and other tables' foreign keys along when a table or column is renamed, so the
 * database's objects are compared as they will stand after the renames.
 */
export interface AppliedRenames {
  /** Old qualified table name → new table name. */
  readonly tables: ReadonlyMap<string, string>;
  /** Old qualified table name → (old column name → new column name). */
  readonly columns: ReadonlyMap<string, ReadonlyMap<string, string>>;
}

export const NO_RENAMES: AppliedRenames = { tables: new Map(), columns: new Map() };

/** The key of the table a foreign key points at; a null referred schema means the default one. */
function referredKey(fk: ForeignKeySnapshot): string {
  return qualifiedName({ schema: fk.referredSchema, name: fk.referredTable });
}

/**
 * A foreign key with its referred table renamed and, when `columns` is set, its referred
 * columns too. Drops carry the key as the downgrade will recreate it: table renames are undone
 * last, column renames before the keys come back.
 */
export function renamedReferences(fk: ForeignKeySnapshot, renames: AppliedRenames, columns: boolean): ForeignKeySnapshot {
  const key = referredKey(fk);
  const table = renames.tables.get(key);
  const cols = columns ? renames.columns.get(key) : undefined;
  if (table === undefined && cols === undefined) return fk;
  return {
    ...fk,
    referredTable: table ?? fk.referredTable,
    referredColumns: cols ? fk.referredColumns.map((c) => cols.get(c) ?? c) : fk.referredColumns,
  };
}

/** A database table as it stands once this diff's renames are done (its own and those it refers to). */
export function renamedView(db: TableSnapshot, oldKey: string, renames: AppliedRenames): TableSnapshot {
  // Most diffs rename nothing: the table then stands as it is, with no copy of every list in it.
  if (renames.tables.size === 0 && renames.columns.size === 0) return db;
  const own = renames.columns.get(oldKey);
  const col = (c: string): string => own?.get(c) ?? c;
  return {
    ...db,
    name: renames.tables.get(oldKey) ?? db.name,
    primaryKey: db.primaryKey && { ...db.primaryKey, columns: db.primaryKey.columns.map(col) },
    uniques: db.uniques.map((u) => ({ ...u, columns: u.columns.map(col) })),
    indexes: db.indexes.map((i) => ({ ...i, columns: i.columns.map((c) => (typeof c === "string" ? col(c) : c)) })),
    foreignKeys: db.foreignKeys.map((fk) => ({ ...renamedReferences(fk, renames, true), columns: fk.columns.map(col) })),
  };
}
