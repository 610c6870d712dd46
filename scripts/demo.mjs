// `npm run demo`: run the example app's migrations on an embedded SQLite file, step by step.
import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const db = join(root, "demo", "app.db");
rmSync(db, { force: true });
mkdirSync(dirname(db), { recursive: true });

const env = { ...process.env, DATABASE_URL: `sqlite:///${db}` };
const steps = [
  ["upgrade", "head"],
  ["current"],
  ["history", "-v"],
  ["downgrade", "-1"],
  ["current"],
  ["upgrade", "head"],
  ["check"],
];
for (const args of steps) {
  console.log(`\n$ athanor ${args.join(" ")}`);
  const r = spawnSync(process.execPath, [join(root, "bin", "athanor.js"), ...args], { cwd: root, env, stdio: "inherit" });
  if (r.status !== 0) {
    console.error(`\ndemo stopped: "athanor ${args.join(" ")}" exited with ${r.status}`);
    process.exit(r.status ?? 1);
  }
}
console.log(`\nThe example app's database is ${db}`);
