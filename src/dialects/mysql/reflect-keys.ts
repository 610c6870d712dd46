/**
 * Keys and indexes of one table from STATISTICS and KEY_COLUMN_USAGE rows.
 * MySQL keeps every key as an index: PRIMARY is the primary key, a UNIQUE index is a unique
 * constraint, and the index InnoDB adds for a foreign key is not the user's and is not reported.
 */
import type {
  ForeignKeySnapshot, IndexSnapshot, PrimaryKeySnapshot, ReferentialAction, UniqueSnapshot,
} from "../../snapshot/types.js";
import type { ForeignKeyRow, IndexRow } from "./catalog.js";

export interface ReflectedKeys {
  readonly primaryKey: PrimaryKeySnapshot | null;
  readonly uniques: UniqueSnapshot[];
  readonly indexes: IndexSnapshot[];
}

function action(rule: string): ReferentialAction | null {
  const r = rule.toUpperCase();
  // RESTRICT is MySQL's behaviour when none is given, so it reads as "unspecified".
  if (r === "RESTRICT" || r === "NO ACTION") return null;
  return r === "CASCADE" || r === "SET NULL" || r === "SET DEFAULT" ? r : null;
}

/** Foreign keys of one table; rows ordered by constraint and position. */
export function reflectForeignKeys(rows: readonly ForeignKeyRow[], currentDatabase: string | null): ForeignKeySnapshot[] {
  const byName = new Map<string, { first: ForeignKeyRow; columns: string[]; referred: string[] }>();
  for (const row of rows) {
    let fk = byName.get(row.constraint_name);
    if (!fk) byName.set(row.constraint_name, fk = { first: row, columns: [], referred: [] });
    fk.columns.push(row.column_name);
    fk.referred.push(row.referenced_column_name);
  }
  return [...byName.values()].map(({ first, columns, referred }) => ({
    name: first.constraint_name,
    columns,
    referredSchema: first.referenced_table_schema === currentDatabase ? null : first.referenced_table_schema,
    referredTable: first.referenced_table_name,
    referredColumns: referred,
    onDelete: action(first.delete_rule),
    onUpdate: action(first.update_rule),
  }));
}

function sameColumns(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** The server's own name for an unnamed foreign key (`t_ibfk_1`, MySQL 8 `t_ibfk_1` too). */
export function isGeneratedForeignKeyName(name: string): boolean {
  return /_ibfk_\d+$/.test(name);
}

/**
 * True for the index InnoDB made to serve a foreign key: named after the key (or, for an unnamed
 * key, after its first column) and on exactly its columns.
 */
export function isImplicitForeignKeyIndex(
  index: { readonly name: string; readonly unique: boolean; readonly columns: readonly unknown[] },
  foreignKeys: readonly ForeignKeySnapshot[],
): boolean {
  if (index.unique) return false;
  return foreignKeys.some((fk) => {
    if (!sameColumns(index.columns, fk.columns)) return false;
    if (fk.name === index.name) return true;
    return fk.name !== null && isGeneratedForeignKeyName(fk.name) && index.name === fk.columns[0];
  });
}

type Part = string | { readonly expression: string };

/** FULLTEXT and SPATIAL keys are kinds of their own; BTREE is the default, and InnoDB builds HASH as BTREE. */
function indexMethod(indexType: string | null | undefined): string | null {
  const t = (indexType ?? "").toLowerCase();
  return t === "fulltext" || t === "spatial" ? t : null;
}

/** Keys and indexes of one table; rows ordered by index name and position. */
export function reflectKeys(rows: readonly IndexRow[], foreignKeys: readonly ForeignKeySnapshot[]): ReflectedKeys {
  const groups = new Map<string, { unique: boolean; parts: Part[]; using: string | null }>();
  for (const row of rows) {
    let g = groups.get(row.index_name);
    if (!g) groups.set(row.index_name, g = { unique: Number(row.non_unique) === 0, parts: [], using: indexMethod(row.index_type) });
    if (row.column_name === null) g.parts.push({ expression: row.expression ?? "" });
    // A prefix key part (`name`(10)) has no column form; it is kept as MySQL writes it.
    else if (row.sub_part !== null) g.parts.push({ expression: `\`${row.column_name.replace(/`/g, "``")}\`(${Number(row.sub_part)})` });
    else g.parts.push(row.column_name);
  }
  let primaryKey: PrimaryKeySnapshot | null = null;
  const uniques: UniqueSnapshot[] = [];
  const indexes: IndexSnapshot[] = [];
  for (const [name, g] of groups) {
    const plain = g.parts.every((p): p is string => typeof p === "string");
    if (name === "PRIMARY") {
      primaryKey = { name: null, columns: g.parts.filter((p): p is string => typeof p === "string") };
    } else if (g.unique && plain && g.using === null) {
      uniques.push({ name, columns: g.parts as string[] });
    } else if (!isImplicitForeignKeyIndex({ name, unique: g.unique, columns: g.parts }, foreignKeys)) {
      indexes.push({ name, columns: g.parts, unique: g.unique, where: null, ...(g.using === null ? {} : { using: g.using }) });
    }
  }
  return { primaryKey, uniques, indexes };
}
