import { defineConfig } from "athanor";

// The bundled example app. `npm run demo` runs its migrations on demo/app.db.
export default defineConfig({
  url: process.env.DATABASE_URL ?? "sqlite:///demo/app.db",
  scriptLocation: "migrations",
  models: "./example/models.ts",
  versionTable: "athanor_version",
});
