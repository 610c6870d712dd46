import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const BENCH_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const REPO_ROOT = resolve(BENCH_DIR, "..");
/** The built CLI, as a user's `npx athanor` runs it. */
export const ATHANOR_BIN = join(REPO_ROOT, "bin", "athanor.js");
export const RESULTS_DIR = join(BENCH_DIR, "results");
