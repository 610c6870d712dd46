/**
 * The table an op leaves behind, computed on a snapshot: SQLite cannot alter most things in place,
 * so a rebuild creates this table and copies the rows over. Pure functions; inputs are not mutated.
 */
import type { OpOf } from "../../operations/types.js";
import type { ColumnSnapshot, TableSnapshot } from "../../snapshot/types.js";
import { AthanorError } from "../../errors.js";
import { quoteIdentifier } from "./quoting.js";
import { normalizeExpression } from "./normalize.js";
import { tokenize } from "./tokens.js";

export interface Rebuilt {
  readonly table: TableSnapshot;
  /** New column name → the old column its rows come from (only renamed columns). */
  readonly renamed: ReadonlyMap<string, string>;
}

export type RebuildOp = OpOf<"addColumn" | "dropColumn" | "alterColumn" | "createUniqueConstraint"
  | "createForeignKey" | "createCheckConstraint" | "createPrimaryKey" | "dropConstraint">;

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

export function applyOp(t: TableSnapshot, op: RebuildOp): Rebuilt {
  const none = new Map<string, string>();
  switch (op.kind) {
    case "addColumn":
      return { table: { ...t, columns: [...t.columns, op.column] }, renamed: none };
    case "dropColumn":
      return { table: withoutColumn(t, op.column.name), renamed: none };
    case "alterColumn":
      return alterColumn(t, op);
    case "createUniqueConstraint":
      return { table: { ...t, uniques: [...t.uniques, op.unique] }, renamed: none };
    case "createForeignKey":
      return { table: { ...t, foreignKeys: [...t.foreignKeys, op.foreignKey] }, renamed: none };
    case "createCheckConstraint":
      return { table: { ...t, checks: [...t.checks, op.check] }, renamed: none };
    case "createPrimaryKey": {
      // Key columns cannot hold NULL, as on every other database.
      const columns = t.columns.map((c) => (op.primaryKey.columns.some((k) => same(k, c.name)) ? { ...c, nullable: false } : c));
      return { table: { ...t, columns, primaryKey: op.primaryKey }, renamed: none };
    }
    case "dropConstraint":
      return { table: dropConstraint(t, op), renamed: none };
  }
}

function column(t: TableSnapshot, name: string, op: string): ColumnSnapshot {
  const c = t.columns.find((x) => x.name === name) ?? t.columns.find((x) => same(x.name, name));
  if (!c) throw new AthanorError("MIGRATION", `${op}: table "${t.name}" has no column "${name}"`, { operation: op });
  return c;
}

function alterColumn(t: TableSnapshot, op: OpOf<"alterColumn">): Rebuilt {
  const old = column(t, op.column, "alterColumn");
  const ch = op.changes;
  const next: ColumnSnapshot = {
    ...old,
    name: ch.newName ?? old.name,
    type: ch.type ?? old.type,
    nullable: ch.nullable ?? old.nullable,
    default: ch.default !== undefined ? ch.default : old.default,
    comment: ch.comment !== undefined ? ch.comment : old.comment,
    autoincrement: ch.autoincrement ?? old.autoincrement,
  };
  let table: TableSnapshot = { ...t, columns: t.columns.map((c) => (c === old ? next : c)) };
  const renamed = new Map<string, string>();
  if (next.name !== old.name) {
    table = renameReferences(table, old.name, next.name);
    renamed.set(next.name, old.name);
  }
  return { table, renamed };
}

/** Follow a column rename in keys, indexes and expressions. */
function renameReferences(t: TableSnapshot, from: string, to: string): TableSnapshot {
  const col = (c: string): string => (same(c, from) ? to : c);
  return {
    ...t,
    primaryKey: t.primaryKey && { ...t.primaryKey, columns: t.primaryKey.columns.map(col) },
    uniques: t.uniques.map((u) => ({ ...u, columns: u.columns.map(col) })),
    foreignKeys: t.foreignKeys.map((f) => ({
      ...f,
      columns: f.columns.map(col),
      // A self-reference names the column on both sides.
      referredColumns: same(f.referredTable, t.name) ? f.referredColumns.map(col) : f.referredColumns,
    })),
    indexes: t.indexes.map((i) => ({
      ...i,
      columns: i.columns.map((c) => (typeof c === "string" ? col(c) : { expression: renameInExpression(c.expression, from, to) })),
      where: i.where === null ? null : renameInExpression(i.where, from, to),
    })),
    checks: t.checks.map((c) => ({ ...c, expression: renameInExpression(c.expression, from, to) })),
  };
}

function renameInExpression(sql: string, from: string, to: string): string {
  let out = "";
  let at = 0;
  for (const tok of tokenize(sql)) {
    if ((tok.kind === "word" || tok.kind === "ident") && same(tok.value, from)) {
      out += sql.slice(at, tok.start) + quoteIdentifier(to);
      at = tok.end;
    }
  }
  return out + sql.slice(at);
}

export function mentions(sql: string, name: string): boolean {
  return tokenize(sql).some((tok) => (tok.kind === "word" || tok.kind === "ident") && same(tok.value, name));
}

/** The table without a column and without every key, index and check that used it. */
function withoutColumn(t: TableSnapshot, name: string): TableSnapshot {
  const col = column(t, name, "dropColumn");
  const uses = (cols: readonly string[]): boolean => cols.some((c) => same(c, col.name));
  return {
    ...t,
    columns: t.columns.filter((c) => c !== col),
    primaryKey: t.primaryKey && uses(t.primaryKey.columns) ? null : t.primaryKey,
    uniques: t.uniques.filter((u) => !uses(u.columns)),
    foreignKeys: t.foreignKeys.filter((f) => !uses(f.columns)),
    indexes: t.indexes.filter((i) => !i.columns.some((c) => (typeof c === "string" ? same(c, col.name) : mentions(c.expression, col.name)))
      && !(i.where !== null && mentions(i.where, col.name))),
    checks: t.checks.filter((c) => !mentions(c.expression, col.name)),
  };
}

function dropConstraint(t: TableSnapshot, op: OpOf<"dropConstraint">): TableSnapshot {
  const prior = op.prior as { columns?: readonly string[]; expression?: string } | undefined;
  const key = (columns: readonly string[]): string => columns.map((c) => c.toLowerCase()).join(",");
  // Match by name; SQLite keeps no name for an unnamed constraint, so those match the prior's shape.
  const matches = (x: { name: string | null; columns?: readonly string[]; expression?: string }): boolean => {
    if (x.name !== null) return same(x.name, op.name);
    if (prior?.columns && x.columns) return key(prior.columns) === key(x.columns);
    if (prior?.expression !== undefined && x.expression !== undefined) {
      return normalizeExpression(prior.expression) === normalizeExpression(x.expression);
    }
    return false;
  };
  const missing = (): never => {
    throw new AthanorError("MIGRATION", `dropConstraint: table "${t.name}" has no ${op.type} constraint "${op.name}"`, { operation: "dropConstraint" });
  };
  switch (op.type) {
    case "primary": {
      if (!t.primaryKey) return missing();
      // Without its key an INTEGER column is no longer the rowid, so no longer generated.
      const columns = t.columns.map((c) => (c.autoincrement ? { ...c, autoincrement: false } : c));
      return { ...t, columns, primaryKey: null };
    }
    case "unique": {
      const i = t.uniques.findIndex(matches);
      return i < 0 ? missing() : { ...t, uniques: t.uniques.filter((_, k) => k !== i) };
    }
    case "foreignkey": {
      const i = t.foreignKeys.findIndex(matches);
      return i < 0 ? missing() : { ...t, foreignKeys: t.foreignKeys.filter((_, k) => k !== i) };
    }
    case "check": {
      const i = t.checks.findIndex(matches);
      return i < 0 ? missing() : { ...t, checks: t.checks.filter((_, k) => k !== i) };
    }
  }
}
