/**
 * Which tools this machine can run, and why not when it cannot. Athanor always runs (the built
 * CLI); Alembic needs Python with alembic + SQLAlchemy (Debian: python3-alembic) and, for the
 * server databases, a DB-API driver; drizzle-kit needs drizzle-kit and drizzle-orm in
 * node_modules (devDependencies of this repository).
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ATHANOR_BIN, REPO_ROOT } from "./paths.mjs";

export const PYTHON = process.env.ATHANOR_BENCH_PYTHON ?? (existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3");
const PY_DRIVER = { postgresql: "psycopg2", mysql: "pymysql", sqlite: "sqlite3" };
const PY_PACKAGE = { postgresql: "python3-psycopg2", mysql: "python3-pymysql", sqlite: "python3" };

function python(code) {
  const r = spawnSync(PYTHON, ["-c", code], { encoding: "utf8" });
  return r.status === 0 ? r.stdout.trim() : null;
}

export function detectAlembic() {
  const versions = python("import alembic, sqlalchemy; print(alembic.__version__, sqlalchemy.__version__)");
  if (!versions) return { ok: false, reason: `Alembic not installed for ${PYTHON} (Debian: apt-get install python3-alembic)` };
  const [alembic, sqlalchemy] = versions.split(" ");
  const drivers = {};
  for (const [dialect, module] of Object.entries(PY_DRIVER)) {
    drivers[dialect] = python(`import ${module}`) !== null
      ? { ok: true }
      : { ok: false, reason: `no Python driver ${module} (Debian: ${PY_PACKAGE[dialect]})` };
  }
  return { ok: true, version: alembic, sqlalchemy, drivers, argv: [PYTHON, "-m", "alembic"] };
}

export function detectDrizzle() {
  const kit = join(REPO_ROOT, "node_modules", "drizzle-kit", "package.json");
  const orm = join(REPO_ROOT, "node_modules", "drizzle-orm", "package.json");
  if (!existsSync(kit) || !existsSync(orm)) return { ok: false, reason: "drizzle-kit / drizzle-orm not in node_modules (npm install)" };
  const version = JSON.parse(readFileSync(kit, "utf8")).version;
  const ormVersion = JSON.parse(readFileSync(orm, "utf8")).version;
  return { ok: true, version, ormVersion, argv: [process.execPath, join(REPO_ROOT, "node_modules", "drizzle-kit", "bin.cjs")] };
}

export function athanorVersion() {
  return JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")).version;
}

export const ATHANOR = [process.execPath, ATHANOR_BIN];
