/** Scratch databases for SQLite are fresh files in the system temp folder. */
import { randomBytes } from "node:crypto";
import { rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DatabaseUrl, ScratchDatabase } from "../dialect.js";
import { lockFileFor } from "./lock.js";

/** Side files SQLite (and the migration lock, see lock.ts) may leave next to a database. */
const SIDE_FILES = ["", "-wal", "-shm", "-journal", lockFileFor("")];

export async function createScratchDatabase(_url: DatabaseUrl, prefix: string): Promise<ScratchDatabase> {
  const name = `${prefix}_${randomBytes(6).toString("hex")}.db`.toLowerCase();
  const file = join(tmpdir(), name);
  // An empty file is a valid empty database; "wx" refuses to reuse an existing name.
  await writeFile(file, "", { flag: "wx" });
  return {
    url: { dialect: "sqlite", host: null, port: null, user: null, password: null, database: file, params: {} },
    async drop() {
      for (const suffix of SIDE_FILES) await rm(file + suffix, { force: true });
    },
  };
}
