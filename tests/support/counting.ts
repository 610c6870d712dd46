import type { Connection } from "../../src/dialects/dialect.js";

/** Wrap a connection to count the statements sent through it. */
export function countingConnection(inner: Connection): Connection & { readonly count: number; reset(): void } {
  let count = 0;
  return {
    get count() { return count; },
    reset() { count = 0; },
    query(sql, params) { count++; return inner.query(sql, params); },
    execute(sql) { count++; return inner.execute(sql); },
    close() { return inner.close(); },
  };
}
