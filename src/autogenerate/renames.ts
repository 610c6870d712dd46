import { qualifiedName, type ColumnSnapshot, type SchemaSnapshot, type TableSnapshot } from "../snapshot/types.js";
import type { CompareDialect, RenameHints } from "./context.js";

/**
 * A table or column that the model adds while the database has one (or more) that the model
 * drops with the same definition: perhaps a rename. `from` lists the candidates' old names.
 */
export interface RenameCandidate {
  readonly kind: "table" | "column";
  readonly schema: string | null;
  /** The table (its new name); for a table candidate, the same as `to`. */
  readonly table: string;
  /** The new name of the table or column. */
  readonly to: string;
  readonly from: readonly string[];
}

/**
 * Decides a rename candidate: the old name it was renamed from, or null for "not a rename"
 * (drop the old one and add the new one). The CLI asks on a terminal; tests pass fakes.
 */
export type RenameResolver = (candidate: RenameCandidate) => Promise<string | null>;

/**
 * The dropped tables the new one may have been renamed from: same schema, and at least half of
 * the new table's columns found there with the same name and type (a table is often renamed
 * along with a column or two). Best matches first.
 */
export function tableCandidates(table: TableSnapshot, dropped: readonly TableSnapshot[], dialect: CompareDialect): TableSnapshot[] {
  const shared = (d: TableSnapshot) =>
    table.columns.filter((c) => d.columns.some((x) => x.name === c.name && dialect.typesEqual(x.type, c.type))).length;
  return dropped
    .filter((d) => d.schema === table.schema && shared(d) * 2 >= table.columns.length && shared(d) > 0)
    .sort((a, b) => shared(b) - shared(a));
}

/** A dropped column the added one may have been renamed from: same type and nullability. */
export function sameColumnShape(a: ColumnSnapshot, b: ColumnSnapshot, dialect: CompareDialect): boolean {
  return a.nullable === b.nullable && dialect.typesEqual(a.type, b.type);
}

function mutableHints(h: RenameHints): { tables: Map<string, string>; columns: Map<string, string> } {
  return { tables: new Map(h.tables), columns: new Map(h.columns) };
}

/** The database table a model table corresponds to, through its name or a table rename hint. */
function counterpart(t: TableSnapshot, db: ReadonlyMap<string, TableSnapshot>, hints: RenameHints): TableSnapshot | undefined {
  const direct = db.get(qualifiedName(t));
  if (direct) return direct;
  const old = hints.tables.get(qualifiedName(t)) ?? hints.tables.get(t.name);
  return old === undefined ? undefined : db.get(qualifiedName({ schema: t.schema, name: old }));
}

/**
 * Asks `resolve` about every rename candidate the hints leave open, tables first (a column
 * rename is looked for inside the tables as they are matched then), and returns the hints
 * completed with its answers. Candidates it declines stay drop + add; compare warns about them.
 */
export async function resolveRenames(
  model: SchemaSnapshot, db: SchemaSnapshot, dialect: CompareDialect, hints: RenameHints, resolve: RenameResolver,
): Promise<RenameHints> {
  const out = mutableHints(hints);
  const dbTables = new Map(db.tables.map((t) => [qualifiedName(t), t]));
  const modelKeys = new Set(model.tables.map(qualifiedName));
  const claimed = new Set(model.tables.flatMap((t) => {
    const c = counterpart(t, dbTables, out);
    return c ? [qualifiedName(c)] : [];
  }));
  for (const t of model.tables) {
    if (counterpart(t, dbTables, out)) continue;
    const pool = db.tables.filter((d) => !modelKeys.has(qualifiedName(d)) && !claimed.has(qualifiedName(d)));
    const from = tableCandidates(t, pool, dialect).map((d) => d.name);
    if (from.length === 0) continue;
    const answer = await resolve({ kind: "table", schema: t.schema, table: t.name, to: t.name, from });
    if (answer !== null && from.includes(answer)) {
      out.tables.set(qualifiedName(t), answer);
      claimed.add(qualifiedName({ schema: t.schema, name: answer }));
    }
  }
  for (const t of model.tables) {
    const d = counterpart(t, dbTables, out);
    if (!d) continue;
    const modelNames = new Set(t.columns.map((c) => c.name));
    const hinted = new Set([...out.columns].filter(([k]) => k.startsWith(`${t.name}.`)).map(([, v]) => v));
    const dbNames = new Set(d.columns.map((c) => c.name));
    const dropped = d.columns.filter((c) => !modelNames.has(c.name) && !hinted.has(c.name));
    for (const c of t.columns) {
      const key = `${t.name}.${c.name}`;
      if (dbNames.has(c.name) || out.columns.has(key)) continue;
      const from = dropped.filter((x) => !hinted.has(x.name) && sameColumnShape(c, x, dialect)).map((x) => x.name);
      if (from.length === 0) continue;
      const answer = await resolve({ kind: "column", schema: t.schema, table: t.name, to: c.name, from });
      if (answer !== null && from.includes(answer)) {
        out.columns.set(key, answer);
        hinted.add(answer);
      }
    }
  }
  return out;
}
