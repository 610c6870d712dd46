import { createRequire } from "node:module";

/**
 * Loads a CommonJS package (commander, diff, the database drivers) with require(). Importing
 * one instead makes Node parse its source a second time to find the named exports, which
 * costs 10–15 ms per package on every command's start-up.
 */
export const requirePackage = createRequire(import.meta.url);
