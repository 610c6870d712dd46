import type { ColumnRef } from "./column.js";

type ValueOf<R> = R extends ColumnRef<infer D, infer N extends boolean> ? (N extends true ? D | null : D) : never;

/**
 * The row type of a table, keyed by property key: `InferRow<typeof users>`.
 * Nullable columns (no notNull()/primaryKey()) add `| null`.
 */
export type InferRow<T> = {
  -readonly [K in keyof T as K extends string ? (T[K] extends ColumnRef<any, any> ? K : never) : never]: ValueOf<T[K]>;
};
