/**
 * One revision file with a batchAlterTable block serves every database: on PostgreSQL and
 * MariaDB the block's ops run as plain ALTERs, on SQLite as one move-and-copy; upgrade and
 * downgrade, through the library's upgrade/downgrade (the real runner), and offline with copyFrom.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { downgrade, upgrade } from "../../src/commands/migrate.js";
import { resolveConfig, type ResolvedConfig } from "../../src/config/load.js";
import { ModuleLoader } from "../../src/runtime/load-module.js";
import type { TableSnapshot } from "../../src/snapshot/types.js";
import { ALL_DIALECTS, scratchDatabase, serverAvailable, type Scratch } from "../support/databases.js";

const ACCOUNTS = 400;

const ACCOUNT_COLUMNS = `{
    id: { type: "integer", primaryKey: true, autoincrement: true },
    email: { type: "varchar(100)", nullable: false },
    balance: { type: "numeric(10,2)" },
    legacy: { type: "text" },
    status: { type: "varchar(10)" },
  }`;

const R1_UP = `
  await op.createTable("account", ${ACCOUNT_COLUMNS});
  await op.createTable("entry", {
    id: { type: "integer", primaryKey: true, autoincrement: true },
    account_id: { type: "integer", nullable: false },
    amount: { type: "integer" },
  }, { foreignKeys: [{ name: "fk_entry_account", columns: ["account_id"], referredTable: "account", referredColumns: ["id"], onDelete: "CASCADE" }] });
  const accounts = Array.from({ length: ${ACCOUNTS} }, (_, i) => ({ id: i + 1, email: "user" + (i + 1) + "@example.com", balance: i % 50, legacy: "old", status: i % 2 ? "active" : "closed" }));
  await op.bulkInsert("account", accounts);
  await op.bulkInsert("entry", accounts.flatMap((a) => [{ account_id: a.id, amount: 1 }, { account_id: a.id, amount: 2 }]));`;

const R1_DOWN = `
  await op.dropTable("entry");
  await op.dropTable("account");`;

const R2_UP = `
  await op.batchAlterTable("account", async (batch) => {
    await batch.alterColumn("status", { type: "varchar(20)", nullable: false, serverDefault: "'open'", existingType: "varchar(10)", existingNullable: true });
    await batch.dropColumn("legacy");
    await batch.createUniqueConstraint("uq_account_email", ["email"]);
    await batch.createCheckConstraint("ck_account_balance", "balance >= 0");
    await batch.createIndex("ix_account_status", ["status"]);
  }, { copyFrom: { columns: ${ACCOUNT_COLUMNS} } });`;

const R2_DOWN = `
  await op.batchAlterTable("account", async (batch) => {
    await batch.dropIndex("ix_account_status");
    await batch.dropConstraint("ck_account_balance", { type: "check" });
    await batch.dropConstraint("uq_account_email", { type: "unique" });
    await batch.addColumn("legacy", { type: "text" });
    await batch.alterColumn("status", { type: "varchar(10)", nullable: true, serverDefault: null, existingType: "varchar(20)", existingNullable: false, existingServerDefault: "'open'" });
  });`;

function revisionFile(id: string, down: string | null, up: string, downgradeBody: string): string {
  return `/**
 * ${id}
 *
 * Revision ID: ${id}
 * Revises: ${down ?? ""}
 * Create Date: 2026-01-01T00:00:00Z
 */
import type { Operations } from "athanor";

export const revision = ${JSON.stringify(id)};
export const downRevision: string | null = ${JSON.stringify(down)};
export const branchLabels: string[] | null = null;
export const dependsOn: string[] | null = null;

export async function upgrade(op: Operations): Promise<void> {${up}
}

export async function downgrade(op: Operations): Promise<void> {${downgradeBody}
}
`;
}

function project(url: string): { dir: string; config: () => ResolvedConfig; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "athanor-batch-"));
  const versions = join(dir, "migrations", "versions");
  mkdirSync(versions, { recursive: true });
  writeFileSync(join(versions, "b0000000001_tables.ts"), revisionFile("b0000000001", null, R1_UP, R1_DOWN));
  writeFileSync(join(versions, "b0000000002_batch.ts"), revisionFile("b0000000002", "b0000000001", R2_UP, R2_DOWN));
  return {
    dir,
    // A fresh loader per command, as each CLI run has.
    config: () => resolveConfig({ url, scriptLocation: "migrations" }, join(dir, "athanor.config.ts"), new ModuleLoader()),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

for (const dialectName of ALL_DIALECTS) {
  describe(`one batch revision file on ${dialectName}`, () => {
    let db: Scratch | null = null;
    let p: ReturnType<typeof project>;

    beforeAll(async () => {
      if (!(await serverAvailable(dialectName))) return;
      db = await scratchDatabase(dialectName, "athanor_batch");
      p = project(db.urlString);
    });
    afterAll(async () => {
      p?.remove();
      await db?.drop();
    });

    const inspect = async (on: Scratch = db!): Promise<{ account: TableSnapshot; accounts: number; entries: number }> => {
      const conn = await on.dialect.connect(on.url);
      try {
        const schema = await on.dialect.introspect(conn);
        const count = async (t: string) => Number((await conn.query<{ n: unknown }>(`SELECT count(*) AS n FROM ${on.dialect.quoteIdentifier(t)}`))[0]!.n);
        return { account: schema.tables.find((t) => t.name === "account")!, accounts: await count("account"), entries: await count("entry") };
      } finally {
        await conn.close();
      }
    };

    it("upgrades with the batch as the database needs it, and downgrades", async (ctx) => {
      if (!db) return ctx.skip();
      await upgrade(p.config(), "heads");
      const up = await inspect();
      expect(up.accounts).toBe(ACCOUNTS);
      expect(up.entries).toBe(ACCOUNTS * 2);
      expect(up.account.columns.map((c) => c.name)).toEqual(["id", "email", "balance", "status"]);
      expect(up.account.columns[3]).toMatchObject({ nullable: false, type: { kind: "varchar", length: 20 } });
      expect(db.dialect.normalizeDefault(up.account.columns[3]!.default, up.account.columns[3]!.type)).toBe(db.dialect.normalizeDefault("'open'", up.account.columns[3]!.type));
      expect(up.account.uniques.map((u) => u.name)).toEqual(["uq_account_email"]);
      expect(up.account.checks.map((c) => c.name)).toEqual(["ck_account_balance"]);
      expect(up.account.indexes.map((i) => i.name)).toEqual(["ix_account_status"]);

      await downgrade(p.config(), "b0000000001");
      const down = await inspect();
      expect(down.accounts).toBe(ACCOUNTS);
      expect(down.entries).toBe(ACCOUNTS * 2);
      expect(down.account.columns.map((c) => c.name)).toEqual(["id", "email", "balance", "status", "legacy"]);
      expect(down.account.columns[3]).toMatchObject({ nullable: true, default: null, type: { kind: "varchar", length: 10 } });
      expect(down.account.uniques).toEqual([]);
      expect(down.account.checks).toEqual([]);
      expect(down.account.indexes).toEqual([]);

      await downgrade(p.config(), "base");
    });

    it("--sql writes a script that does the same (SQLite: the recreate from copyFrom)", async (ctx) => {
      if (!db) return ctx.skip();
      const { script } = await upgrade(p.config(), "heads", { sql: true });
      if (dialectName === "sqlite") {
        expect(script).toMatch(/CREATE TABLE "_athanor_tmp_account"/);
        // The script runs on an empty database and leaves what the online upgrade leaves.
        const fresh = await scratchDatabase("sqlite", "athanor_batch_sql");
        try {
          const conn = await fresh.dialect.connect(fresh.url);
          try {
            await conn.execute(script!);
          } finally {
            await conn.close();
          }
          const up = await inspect(fresh);
          expect([up.accounts, up.entries]).toEqual([ACCOUNTS, ACCOUNTS * 2]);
          expect(up.account.columns.map((c) => c.name)).toEqual(["id", "email", "balance", "status"]);
          expect(up.account.checks.map((c) => c.name)).toEqual(["ck_account_balance"]);
        } finally {
          await fresh.drop();
        }
      } else {
        expect(script).not.toMatch(/_athanor_tmp_/);
        expect(script).toMatch(/ALTER TABLE/);
      }
    });
  });
}
