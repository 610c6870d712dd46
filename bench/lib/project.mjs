/**
 * Throwaway project folders: an Athanor user project (athanor linked into node_modules the
 * way `npm install athanor` puts it), an Alembic environment, a drizzle-kit project.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { REPO_ROOT } from "./paths.mjs";

export function tempDir(kind) {
  return mkdtempSync(join(tmpdir(), `athanor-bench-${kind}-`));
}

export function writeFiles(dir, files) {
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
}

/** Links packages from this repository's node_modules (and the repository itself as athanor). */
export function linkPackages(dir, names) {
  mkdirSync(join(dir, "node_modules"), { recursive: true });
  for (const name of names) {
    const target = name === "athanor" ? REPO_ROOT : join(REPO_ROOT, "node_modules", name);
    if (!existsSync(target)) throw new Error(`package ${name} is not installed in ${REPO_ROOT}/node_modules`);
    symlinkSync(target, join(dir, "node_modules", name), "dir");
  }
}

export function makeProject(kind, files, packages = []) {
  const dir = tempDir(kind);
  writeFiles(dir, { "package.json": JSON.stringify({ name: `bench-${kind}`, private: true, type: "module" }, null, 2), ...files });
  if (packages.length > 0) linkPackages(dir, packages);
  return {
    dir,
    write: (rel, text) => writeFiles(dir, { [rel]: text }),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
