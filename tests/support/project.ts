/**
 * A throwaway user project in a temp folder, with athanor linked into node_modules the way
 * `npm install athanor` would put it, driven through the built CLI.
 */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const CLI = join(REPO_ROOT, "bin", "athanor.js");

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface TempProject {
  readonly dir: string;
  run(args: readonly string[], env?: Record<string, string>): Promise<CliResult>;
  write(relPath: string, text: string): void;
  read(relPath: string): string;
  /** Revision files in migrations/versions, sorted by name. */
  versions(): string[];
  remove(): void;
}

export function tempProject(options: { type?: "module" | "commonjs" } = {}): TempProject {
  const dir = mkdtempSync(join(tmpdir(), "athanor-e2e-"));
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "user-app", private: true, type: options.type ?? "module" }, null, 2));
  mkdirSync(join(dir, "node_modules"), { recursive: true });
  symlinkSync(REPO_ROOT, join(dir, "node_modules", "athanor"), "dir");
  return {
    dir,
    run: (args, env = {}) => runCli(dir, args, env),
    write(relPath, text) {
      mkdirSync(dirname(join(dir, relPath)), { recursive: true });
      writeFileSync(join(dir, relPath), text);
    },
    read: (relPath) => readFileSync(join(dir, relPath), "utf8"),
    versions: () => readdirSync(join(dir, "migrations", "versions")).filter((f) => f.endsWith(".ts")).sort(),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export function runCli(cwd: string, args: readonly string[], env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd,
      env: { ...process.env, NO_COLOR: "1", DATABASE_URL: "", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => { stdout += d; });
    child.stderr.on("data", (d) => { stderr += d; });
    child.on("error", reject);
    child.on("close", (code) => resolvePromise({ code: code ?? -1, stdout, stderr }));
  });
}

export function configFile(url: string, extra = ""): string {
  return `import { defineConfig } from "athanor";

export default defineConfig({
  url: ${JSON.stringify(url)},
  scriptLocation: "migrations",
  models: "./models.ts",${extra}
});
`;
}
