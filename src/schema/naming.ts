import { modelsError } from "./errors.js";

/**
 * SQLAlchemy-style naming conventions, e.g. `{ fk: "fk_%(table)s_%(column_0_name)s_%(referred_table)s" }`.
 * Tokens: %(table)s, %(column_N_name)s, %(columns)s (all column names joined by "_"),
 * %(column_0_N_name)s (same), %(column_0N_name)s (joined with nothing), %(referred_table)s,
 * %(referred_column_N_name)s, %(constraint_name)s.
 */
export interface NamingConvention {
  readonly ix?: string;
  readonly uq?: string;
  readonly ck?: string;
  readonly fk?: string;
  readonly pk?: string;
}

export type ConventionKind = keyof NamingConvention;

export const CONVENTION_KINDS: readonly ConventionKind[] = ["ix", "uq", "ck", "fk", "pk"];

/** SQLAlchemy names an index even without a convention: ix_<table>_<first column>. */
const DEFAULT_INDEX_CONVENTION = "ix_%(table)s_%(column_0_name)s";

export interface NamingContext {
  readonly table: string;
  /** Column names; null stands for an expression element, which has no name to use. */
  readonly columns: readonly (string | null)[];
  readonly referredTable?: string;
  readonly referredColumns?: readonly string[];
}

const TOKEN = /%\(([A-Za-z0-9_]+)\)s/g;
const CONSTRAINT_NAME_TOKEN = "%(constraint_name)s";

function columnAt(columns: readonly (string | null)[], index: number, what: string, template: string): string {
  const name = columns[index];
  if (name === undefined) {
    throw modelsError(`naming convention "${template}" needs ${what} ${index}, but the constraint has ${columns.length} column(s)`);
  }
  if (name === null) throw modelsError(`naming convention "${template}" cannot name ${what} ${index}: it is an expression`);
  return name;
}

function allColumns(columns: readonly (string | null)[], template: string): readonly string[] {
  if (columns.length === 0) throw modelsError(`naming convention "${template}" names columns, but the constraint has none`);
  return columns.map((_, i) => columnAt(columns, i, "column", template));
}

function expand(template: string, ctx: NamingContext, constraintName: string | null): string {
  return template.replace(TOKEN, (_whole, token: string) => {
    if (token === "table") return ctx.table;
    if (token === "constraint_name") {
      if (constraintName === null) {
        throw modelsError(`naming convention "${template}" uses %(constraint_name)s: give the constraint on table "${ctx.table}" a name`);
      }
      return constraintName;
    }
    if (token === "columns" || token === "column_0_N_name") return allColumns(ctx.columns, template).join("_");
    if (token === "column_0N_name") return allColumns(ctx.columns, template).join("");
    if (token === "referred_table") {
      if (ctx.referredTable === undefined) throw modelsError(`naming convention "${template}" uses %(referred_table)s outside a foreign key`);
      return ctx.referredTable;
    }
    const column = /^column_(\d+)_name$/.exec(token);
    if (column) return columnAt(ctx.columns, Number(column[1]), "column", template);
    const referred = /^referred_column_(\d+)_name$/.exec(token);
    if (referred && ctx.referredColumns) return columnAt(ctx.referredColumns, Number(referred[1]), "referred column", template);
    throw modelsError(`naming convention "${template}" has an unknown token %(${token})s`);
  });
}

/**
 * The name a constraint or index ends up with. An explicit name is kept unless the convention
 * embeds it through %(constraint_name)s; an unnamed one takes the convention, else null
 * (indexes always get a name).
 */
export function conventionName(
  kind: ConventionKind,
  explicit: string | null,
  convention: NamingConvention,
  ctx: NamingContext,
): string | null {
  const template = convention[kind] ?? (kind === "ix" ? DEFAULT_INDEX_CONVENTION : undefined);
  if (explicit !== null) {
    return template !== undefined && template.includes(CONSTRAINT_NAME_TOKEN) ? expand(template, ctx, explicit) : explicit;
  }
  return template === undefined ? null : expand(template, ctx, null);
}

/** Checks a user-supplied convention object, returning a frozen copy. */
export function validateNamingConvention(convention: unknown): NamingConvention {
  if (convention === undefined || convention === null) return Object.freeze({});
  if (typeof convention !== "object") throw modelsError(`namingConvention must be an object, got ${typeof convention}`);
  const result: Partial<Record<ConventionKind, string>> = {};
  for (const [key, value] of Object.entries(convention)) {
    if (!(CONVENTION_KINDS as readonly string[]).includes(key)) {
      throw modelsError(`namingConvention has an unknown key "${key}" (expected one of ${CONVENTION_KINDS.join(", ")})`);
    }
    if (value === undefined) continue;
    if (typeof value !== "string" || value === "") throw modelsError(`namingConvention.${key} must be a non-empty string`);
    result[key as ConventionKind] = value;
  }
  return Object.freeze(result);
}
