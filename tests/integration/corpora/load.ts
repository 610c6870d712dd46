/**
 * Loading a corpus with the corpora's own load.sh, and giving a PostgreSQL copy the objects
 * the tool does not manage but the tables need (see out-of-scope.ts).
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import type { DatabaseUrl } from "../../../src/dialects/dialect.js";
import { REPO_ROOT } from "../../support/project.js";
import { UNMANAGED_PREREQUISITES } from "./out-of-scope.js";

const run = promisify(execFile);

export const CORPORA_DIR = resolve(REPO_ROOT, "..", "shared", "corpora");

export function corporaAvailable(): boolean {
  return existsSync(join(CORPORA_DIR, "load.sh"));
}

/** psql/mariadb/sqlite3 settings for the server a URL names; never a password on a command line. */
function clientEnv(url: DatabaseUrl): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (url.dialect === "postgresql") {
    if (url.host) env.PGHOST = url.host;
    if (url.port) env.PGPORT = String(url.port);
    if (url.user) env.PGUSER = url.user;
    if (url.password) env.PGPASSWORD = url.password;
  }
  if (url.dialect === "mysql") {
    if (url.host) env.MYSQL_HOST = url.host;
    if (url.port) env.MYSQL_PORT = String(url.port);
    if (url.password) env.MYSQL_PWD = url.password;
  }
  return env;
}

const LOAD_SH_DIALECT = { postgresql: "pg", mysql: "mysql", sqlite: "sqlite" } as const;

/** load.sh recreates the target (database or file) and loads the corpus into it. */
export async function loadCorpus(corpus: string, url: DatabaseUrl): Promise<void> {
  const target = url.database;
  if (!target) throw new Error(`no database to load ${corpus} into`);
  try {
    await run("bash", [join(CORPORA_DIR, "load.sh"), corpus, LOAD_SH_DIALECT[url.dialect], target], {
      env: clientEnv(url), maxBuffer: 64 * 1024 * 1024,
    });
  } catch (e) {
    const err = e as { stderr?: string; message: string };
    throw new Error(`load.sh ${corpus} ${url.dialect} failed: ${err.stderr?.trim() || err.message}`);
  }
}

/**
 * Copies into `to` the objects of `from` that tables depend on and autogenerate leaves alone:
 * schemas, extensions, domains and other types (never the enums, which the revision creates),
 * sequences, functions, aggregates, operators, collations, text search configurations.
 * pg_restore picks them from the dump's table of contents and orders them by dependency.
 */
export async function copyUnmanagedPrerequisites(from: DatabaseUrl, to: DatabaseUrl, enums: ReadonlySet<string>): Promise<void> {
  const env = clientEnv(from);
  // Sequences behind SERIAL and IDENTITY columns come with their tables.
  const { stdout: owned } = await run("psql", ["-X", "-A", "-t", "-d", from.database!, "-c",
    `SELECT n.nspname || ' ' || c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('a', 'i')
     WHERE c.relkind = 'S'`], { env, maxBuffer: 64 * 1024 * 1024 });
  const ownedSequences = new Set(owned.split("\n").filter((l) => l !== ""));
  const dump = await run("pg_dump", ["--schema-only", "--format=custom", "--no-owner", "--no-privileges", "-d", from.database!], {
    env, encoding: "buffer", maxBuffer: 256 * 1024 * 1024,
  });
  const archive = join(process.env.TMPDIR ?? "/tmp", `athanor-corpus-${process.pid}-${Date.now()}.dump`);
  const { writeFile, unlink } = await import("node:fs/promises");
  await writeFile(archive, dump.stdout);
  try {
    const { stdout: toc } = await run("pg_restore", ["--list", archive], { env, maxBuffer: 64 * 1024 * 1024 });
    const keep = toc.split("\n").filter((line) => {
      // "<id>; <catalog> <oid> <TYPE...> <schema> <name> <owner>"
      const m = /^\d+; \d+ \d+ (.+)$/.exec(line);
      if (!m) return false;
      const entry = m[1]!;
      // Which sequence owns a column, and its value, belong with the table.
      if (entry.startsWith("SEQUENCE OWNED BY ") || entry.startsWith("SEQUENCE SET ")) return false;
      const type = UNMANAGED_PREREQUISITES.find((t) => entry.startsWith(`${t} `));
      if (type === undefined) return false;
      if (type === "SEQUENCE") {
        const [schema, name] = entry.slice("SEQUENCE ".length).split(" ");
        return !ownedSequences.has(`${schema} ${name}`);
      }
      if (type === "TYPE") {
        const [schema, name] = entry.slice("TYPE ".length).split(" ");
        return !enums.has(`${schema}.${name}`);
      }
      return true;
    });
    const list = `${archive}.list`;
    await writeFile(list, keep.join("\n") + "\n");
    try {
      // Not --exit-on-error: a function returning a table's row type cannot exist before the
      // table and is not needed by it. A prerequisite that fails and is needed makes the upgrade fail.
      await run("pg_restore", ["--no-owner", "--no-privileges", "-L", list, "-d", to.database!, archive], {
        env: clientEnv(to), maxBuffer: 64 * 1024 * 1024,
      }).catch((e: { stderr?: string }) => {
        if (!/errors ignored on restore/.test(e.stderr ?? "")) throw e;
      });
    } finally {
      await unlink(list).catch(() => undefined);
    }
  } catch (e) {
    const err = e as { stderr?: string; message: string };
    throw new Error(`copying the unmanaged prerequisites failed: ${err.stderr?.trim() || err.message}`);
  } finally {
    await unlink(archive).catch(() => undefined);
  }
}
