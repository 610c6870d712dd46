import { SQL_BRAND, hasBrand } from "./brands.js";
import { modelsError } from "./errors.js";

/** A piece of SQL text the model author wrote on purpose (a default, a check, an index expression). */
export interface SqlFragment {
  readonly [SQL_BRAND]: true;
  readonly text: string;
}

export type SqlValue = SqlFragment | number | bigint;

export function isSql(x: unknown): x is SqlFragment {
  return hasBrand(x, SQL_BRAND) && typeof (x as { text?: unknown }).text === "string";
}

function fragment(text: string): SqlFragment {
  return Object.freeze({ [SQL_BRAND]: true as const, text });
}

function interpolate(value: unknown, position: number): string {
  if (isSql(value)) return value.text;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw modelsError(`sql\`…\`: value #${position} is ${value}, which has no SQL spelling`);
    return String(value);
  }
  if (typeof value === "bigint") return String(value);
  // Strings are refused: splicing text into SQL is how injection happens.
  throw modelsError(
    `sql\`…\`: value #${position} is a ${value === null ? "null" : typeof value}; only sql\`…\` fragments and numbers ` +
      `may be interpolated (write literal text inside the template, or wrap trusted SQL in sql.raw())`,
  );
}

function sqlTag(strings: TemplateStringsArray, ...values: readonly SqlValue[]): SqlFragment {
  let text = strings[0] ?? "";
  values.forEach((value, i) => {
    text += interpolate(value, i + 1) + (strings[i + 1] ?? "");
  });
  return fragment(text);
}

/** Trusted SQL text taken as is; never pass it input from outside the program. */
function raw(text: string): SqlFragment {
  if (typeof text !== "string") throw modelsError(`sql.raw() takes a string, got ${typeof text}`);
  return fragment(text);
}

/**
 * Tagged template for SQL expressions: sql`CURRENT_TIMESTAMP`, sql`length(name) > ${0}`.
 * Interpolated values must be other fragments or numbers.
 */
export const sql: typeof sqlTag & { readonly raw: typeof raw } = Object.freeze(Object.assign(sqlTag, { raw }));
