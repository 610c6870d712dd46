/**
 * A small revision chain with its models, for the `check` and `test` tests: users (with an
 * enum and a unique key), then notes (a foreign key, an index, a new column on users), then
 * settings. Each breakage the CI checks must catch is one edit away.
 */
import { join } from "node:path";
import { loadConfig, type ResolvedConfig } from "../../src/config/load.js";
import type { TempProject } from "../support/project.js";

export const R1 = "c1a000000001";
export const R2 = "c1a000000002";
export const R3 = "c1a000000003";
/** A sibling of R3: a second head. */
export const R4 = "c1a000000004";

export interface RevisionText {
  readonly id: string;
  readonly message: string;
  readonly down: string | null;
  readonly upgrade: string;
  readonly downgrade: string;
}

export const CHAIN: Readonly<Record<"r1" | "r2" | "r3" | "r4", RevisionText>> = {
  r1: {
    id: R1, message: "create users", down: null,
    upgrade: `
  await op.createEnum("user_status", ["active", "gone"]);
  await op.createTable("users", {
    id: { type: "integer", nullable: false, autoincrement: true },
    email: { type: "varchar(255)", nullable: false },
    status: { type: { enum: "user_status", values: ["active", "gone"] } },
  }, { primaryKey: ["id"], uniques: [{ name: "uq_users_email", columns: ["email"] }] });`,
    downgrade: `
  await op.dropTable("users");
  await op.dropEnum("user_status", { values: ["active", "gone"] });`,
  },
  r2: {
    id: R2, message: "add notes", down: R1,
    upgrade: `
  await op.addColumn("users", "nickname", { type: "varchar(40)" });
  await op.createTable("notes", {
    id: { type: "integer", nullable: false, autoincrement: true },
    body: { type: "text", nullable: false },
    user_id: { type: "integer", nullable: false },
  }, {
    primaryKey: ["id"],
    foreignKeys: [{ name: "fk_notes_user_id_users", columns: ["user_id"], referredTable: "users", referredColumns: ["id"] }],
    indexes: [{ name: "ix_notes_user_id", columns: ["user_id"] }],
  });`,
    downgrade: `
  await op.dropTable("notes");
  await op.dropColumn("users", "nickname");`,
  },
  r3: {
    id: R3, message: "add settings", down: R2,
    upgrade: `
  await op.createTable("settings", {
    name: { type: "varchar(64)", nullable: false },
    value: { type: "text" },
  }, { primaryKey: ["name"] });`,
    downgrade: `
  await op.dropTable("settings");`,
  },
  r4: {
    id: R4, message: "add labels", down: R2,
    upgrade: `
  await op.createTable("labels", {
    id: { type: "integer", nullable: false, autoincrement: true },
    name: { type: "varchar(30)", nullable: false },
  }, { primaryKey: ["id"] });`,
    downgrade: `
  await op.dropTable("labels");`,
  },
};

export const MODELS = `import { MetaData, table, integer, varchar, text, enumType, index, unique } from "athanor";

export const metadata = new MetaData();

export const users = table(metadata, "users", {
  id: integer().primaryKey(),
  email: varchar(255).notNull(),
  status: enumType("user_status", ["active", "gone"]),
  nickname: varchar(40),
}, { uniques: [unique("uq_users_email", ["email"])] });

export const notes = table(metadata, "notes", {
  id: integer().primaryKey(),
  body: text().notNull(),
  userId: integer("user_id").notNull().references("users.id", { name: "fk_notes_user_id_users" }),
}, { indexes: [index("ix_notes_user_id", ["user_id"])] });

export const settings = table(metadata, "settings", {
  name: varchar(64).primaryKey(),
  value: text(),
});
`;

/** The models once R4 exists. */
export const MODELS_WITH_LABELS = `${MODELS}
export const labels = table(metadata, "labels", {
  id: integer().primaryKey(),
  name: varchar(30).notNull(),
});
`;

export function revisionFile(r: RevisionText): string {
  return `/**
 * ${r.message}
 *
 * Revision ID: ${r.id}
 * Revises: ${r.down ?? ""}
 * Create Date: 2026-01-01T00:00:00Z
 */
import type { Operations } from "athanor";

export const revision = ${JSON.stringify(r.id)};
export const downRevision: string | string[] | null = ${JSON.stringify(r.down)};

export async function upgrade(op: Operations): Promise<void> {${r.upgrade}
}

export async function downgrade(op: Operations): Promise<void> {${r.downgrade}
}
`;
}

export function writeRevision(p: TempProject, r: RevisionText): void {
  p.write(join("migrations", "versions", `${r.id}_${r.message.replace(/\W+/g, "_")}.ts`), revisionFile(r));
}

/** A project with config, models and the chain R1 → R2 → R3. */
export function writeChain(p: TempProject, url: string): void {
  p.write("athanor.config.ts", `import { defineConfig } from "athanor";

export default defineConfig({
  url: ${JSON.stringify(url)},
  scriptLocation: "migrations",
  models: "./models.ts",
});
`);
  p.write("models.ts", MODELS);
  for (const r of [CHAIN.r1, CHAIN.r2, CHAIN.r3]) writeRevision(p, r);
}

/** The project's configuration, loaded afresh (a new module loader sees edited files). */
export function projectConfig(p: TempProject): Promise<ResolvedConfig> {
  return loadConfig({ configFile: join(p.dir, "athanor.config.ts"), env: {} });
}
