/**
 * Brands that mark the model objects. A user's models may load a second copy of this
 * package, so recognition goes through registered symbols rather than `instanceof`.
 */
export const METADATA_BRAND = Symbol.for("athanor.metadata");
export const TABLE_BRAND = Symbol.for("athanor.table");
export const COLUMN_REF_BRAND = Symbol.for("athanor.column");
export const SQL_BRAND = Symbol.for("athanor.sql");

/** True when `x` is an object carrying `brand` set to true. */
export function hasBrand(x: unknown, brand: symbol): boolean {
  return typeof x === "object" && x !== null && (x as Record<symbol, unknown>)[brand] === true;
}
