import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
    reporters: process.env.ATHANOR_JSON_REPORT ? ["default", ["json", { outputFile: process.env.ATHANOR_JSON_REPORT }]] : ["default"],
  },
});
