/**
 * Where two reflected schemas differ, one line per difference, so a failing corpus of hundreds
 * of tables says exactly which table and which part of it.
 */
import type { Dialect } from "../../../src/dialects/dialect.js";
import type { Op } from "../../../src/operations/types.js";
import { qualifiedName, type SchemaSnapshot, type TableSnapshot } from "../../../src/snapshot/types.js";

const PARTS = ["primaryKey", "foreignKeys", "uniques", "indexes", "checks", "comment"] as const satisfies readonly (keyof TableSnapshot)[];

type Normalizer = Pick<Dialect, "normalizeDefault" | "normalizeExpression">;

/**
 * Expression text (defaults, CHECKs, index expressions and predicates) in the dialect's
 * canonical form: a server deparses what it is given, and deparsing its own output again may
 * spell the same expression differently (PostgreSQL moves casts around).
 */
function canonical(s: SchemaSnapshot, d: Normalizer): SchemaSnapshot {
  return {
    ...s,
    tables: s.tables.map((t) => ({
      ...t,
      columns: t.columns.map((c) => ({ ...c, default: d.normalizeDefault(c.default, c.type) })),
      checks: t.checks.map((c) => ({ ...c, expression: d.normalizeExpression(c.expression) })),
      indexes: t.indexes.map((i) => ({
        ...i,
        columns: i.columns.map((c) => (typeof c === "string" ? c : { expression: d.normalizeExpression(c.expression) })),
        where: i.where === null ? null : d.normalizeExpression(i.where),
      })),
    })),
  };
}

export function snapshotDifferences(originalRaw: SchemaSnapshot, copyRaw: SchemaSnapshot, dialect: Normalizer): string[] {
  const original = canonical(originalRaw, dialect);
  const copy = canonical(copyRaw, dialect);
  const out: string[] = [];
  const copies = new Map(copy.tables.map((t) => [qualifiedName(t), t]));
  for (const t of original.tables) {
    const name = qualifiedName(t);
    const c = copies.get(name);
    copies.delete(name);
    if (!c) {
      out.push(`${name}: missing from the copy`);
      continue;
    }
    const columns = new Map(c.columns.map((x) => [x.name, x]));
    for (const col of t.columns) {
      const other = columns.get(col.name);
      if (!other) out.push(`${name}.${col.name}: missing from the copy`);
      else if (JSON.stringify(other) !== JSON.stringify(col)) out.push(`${name}.${col.name}: ${JSON.stringify(col)} became ${JSON.stringify(other)}`);
      columns.delete(col.name);
    }
    for (const extra of columns.keys()) out.push(`${name}.${extra}: only in the copy`);
    if (JSON.stringify(t.columns.map((x) => x.name)) !== JSON.stringify(c.columns.map((x) => x.name))) {
      out.push(`${name}: column order ${t.columns.map((x) => x.name).join(",")} became ${c.columns.map((x) => x.name).join(",")}`);
    }
    for (const part of PARTS) {
      const a = JSON.stringify(t[part]);
      const b = JSON.stringify(c[part]);
      if (a !== b) out.push(`${name} ${part}: ${a} became ${b}`);
    }
  }
  for (const extra of copies.keys()) out.push(`${extra}: only in the copy`);
  const enums = (s: SchemaSnapshot) => JSON.stringify(s.enums.filter((e) => usedEnums(s).has(qualifiedName(e))));
  if (enums(original) !== enums(copy)) out.push(`enums: ${enums(original)} became ${enums(copy)}`);
  return out;
}

/** Enum types some column uses, as schema.name (or name in the default schema). */
export function usedEnums(s: SchemaSnapshot): Set<string> {
  return new Set(s.tables.flatMap((t) => t.columns.flatMap((c) => (c.type.kind === "enum" ? [c.type.name] : []))));
}

/** One line per op: enough to see what autogenerate thought was different. */
export function opLine(op: Op): string {
  if (op.kind === "alterColumn") {
    return `alterColumn ${op.schema ? `${op.schema}.` : ""}${op.table}.${op.column} ${JSON.stringify(op.changes)} (was ${JSON.stringify(op.existing)})`;
  }
  const text = JSON.stringify(op);
  return text.length > 400 ? `${text.slice(0, 400)}…` : text;
}
