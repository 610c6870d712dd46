/**
 * Scratch databases for tests and the `test` command: a uniquely named database on the server
 * the given URL points to.
 */
import { randomBytes } from "node:crypto";
import type { DatabaseUrl, ScratchDatabase } from "../dialect.js";
import { connect } from "./driver.js";
import { quoteIdentifier } from "./identifiers.js";

export async function createScratchDatabase(url: DatabaseUrl, prefix: string): Promise<ScratchDatabase> {
  const name = `${prefix}_${randomBytes(6).toString("hex")}`.toLowerCase();
  const admin = await connect(url);
  try {
    await admin.execute(`CREATE DATABASE ${quoteIdentifier(name)}`);
  } finally {
    await admin.close();
  }
  return {
    url: { ...url, database: name },
    async drop(): Promise<void> {
      const conn = await connect(url);
      try {
        await conn.execute(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`);
      } finally {
        await conn.close();
      }
    },
  };
}
