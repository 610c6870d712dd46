/** Helpers for the safety e2e tests: CLI processes to signal, revision chains, database reads. */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import type { Connection } from "../../src/dialects/dialect.js";
import { lockName } from "../../src/runtime/lock.js";
import { revisionFile, revId, type RevisionSource } from "../integration/runtime/fixtures.js";
import type { Scratch } from "../support/databases.js";
import { CLI, configFile, type TempProject } from "../support/project.js";

export { revId };

export interface Running {
  readonly child: ChildProcess;
  output(): { stdout: string; stderr: string };
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

/** Starts the built CLI in a project without waiting for it. */
export function start(project: TempProject, args: readonly string[], env: Record<string, string> = {}): Running {
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: project.dir,
    env: { ...process.env, NO_COLOR: "1", DATABASE_URL: "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (d) => { stdout += d; });
  child.stderr!.on("data", (d) => { stderr += d; });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, output: () => ({ stdout, stderr }), exited };
}

/** Resolves when the file exists (a revision writes it when it reaches the point under test). */
export async function untilExists(path: string, running?: Running): Promise<void> {
  while (!existsSync(path)) {
    if (running && running.child.exitCode !== null) throw new Error(`the process ended before ${path} appeared:\n${running.output().stderr}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * Writes the config and a chain of revisions into a temp project. The config is plain ESM
 * (.mjs): a process that finds nothing to do then never starts the TypeScript loader, which
 * matters when eight of them start at once on a small machine.
 */
export function writeChain(project: TempProject, url: string, revisions: readonly RevisionSource[]): void {
  project.write("athanor.config.mjs", configFile(url));
  revisions.forEach((rev, i) => project.write(`migrations/versions/${rev.id}_rev.ts`, revisionFile(rev, i === 0 ? null : revisions[i - 1]!.id)));
}

/** A revision body that logs the revision in applied_log (created by the first revision). */
export function logged(n: number, extra = ""): RevisionSource {
  const create = n === 1 ? `  await op.createTable("applied_log", { rev: { type: "varchar(32)", nullable: false } });\n` : "";
  return { id: revId(n), up: `${create}${extra}  await op.bulkInsert("applied_log", [{ rev: ${JSON.stringify(revId(n))} }]);` };
}

export async function withConn<T>(db: Scratch, fn: (conn: Connection) => Promise<T>): Promise<T> {
  const conn = await db.dialect.connect(db.url);
  try {
    return await fn(conn);
  } finally {
    await conn.close();
  }
}

/** The applied_log rows and the version rows. */
export async function progress(db: Scratch): Promise<{ log: string[]; versions: string[] }> {
  return withConn(db, async (conn) => ({
    log: (await conn.query<{ rev: string }>("SELECT rev FROM applied_log").catch(() => [])).map((r) => r.rev).sort(),
    versions: (await conn.query<{ version_num: string }>("SELECT version_num FROM athanor_version").catch(() => [])).map((r) => r.version_num).sort(),
  }));
}

/** True when no run holds the migration lock: it can be taken without waiting. */
export async function lockIsFree(db: Scratch): Promise<boolean> {
  return withConn(db, async (conn) => {
    const lock = await db.dialect.acquireLock(conn, lockName({ schema: null, name: "athanor_version" }), 0);
    await lock?.release();
    return lock !== null;
  });
}
