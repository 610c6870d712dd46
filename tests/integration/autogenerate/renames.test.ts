/**
 * AUTOGEN-CASES 19: renames through --rename, renamedFrom, and a resolver (the CLI's prompt);
 * without any of them, drop + add and a warning naming the candidates.
 */
import { expect, it } from "vitest";
import type { RenameCandidate } from "../../../src/autogenerate/renames.js";
import { parseRenameFlags } from "../../../src/commands/model-diff.js";
import { MetaData, index, integer, table, unique, varchar } from "../../../src/schema/index.js";
import { forDialects, ops, type Harness } from "./harness.js";

function model(build: (md: MetaData) => void): MetaData {
  const md = new MetaData();
  build(md);
  return md;
}

async function givenUsers(h: Harness): Promise<void> {
  await h.reset();
  await h.run((await h.diff(model((md) => table(md, "users", { id: integer().primaryKey(), name: varchar(50).notNull(), city: varchar(50) })))).ops);
  await h.exec("INSERT INTO users (id, name, city) VALUES (1, 'Ada', 'London')");
}

const renamedColumn = (marker = false) => model((md) => table(md, "users", {
  id: integer().primaryKey(),
  fullName: marker ? varchar("full_name", 50).notNull().renamedFrom("name") : varchar("full_name", 50).notNull(),
  city: varchar(50),
}));

async function names(h: Harness, column: string): Promise<string[]> {
  return (await h.conn.query<Record<string, string>>(`SELECT ${column} AS v FROM users`)).map((r) => r.v!);
}

forDialects(["postgresql", "mysql", "sqlite"], (h) => {
  it("19. --rename users.name=full_name: alterColumn(newName), and the data stays", async () => {
    await givenUsers(h);
    const renames = parseRenameFlags(["users.name=full_name"]);
    const d = await h.roundTrip(renamedColumn(), (d) => {
      expect(ops(d)).toEqual(["alterColumn users.name newName"]);
      expect(d.warnings).toEqual([]);
    }, { renames });
    await h.run(d.ops);
    expect(await names(h, "full_name")).toEqual(["Ada"]);
  });

  it("19. renamedFrom(\"name\") on the column: the same rename", async () => {
    await givenUsers(h);
    const d = await h.roundTrip(renamedColumn(true), (d) => expect(ops(d)).toEqual(["alterColumn users.name newName"]));
    await h.run(d.ops);
    expect(await names(h, "full_name")).toEqual(["Ada"]);
  });

  it("19. no hint and no terminal: drop and add, and a warning that names the candidate", async () => {
    await givenUsers(h);
    await h.exec("DELETE FROM users");
    await h.roundTrip(renamedColumn(), (d) => {
      expect(ops(d)).toEqual(["addColumn users.full_name", "dropColumn users.name"]);
      expect(d.warnings).toEqual([expect.stringMatching(/users\.full_name is added while users\.name is dropped.*--rename users\.name=full_name/)]);
    });
  });

  it("19. a resolver (the terminal's prompt) is asked about each candidate, and its answer is used", async () => {
    await givenUsers(h);
    const asked: RenameCandidate[] = [];
    const target = model((md) => table(md, "users", { id: integer().primaryKey(), fullName: varchar("full_name", 50).notNull(), town: varchar(50) }));
    const d = await h.roundTrip(target, (d) => {
      expect(ops(d)).toEqual(["alterColumn users.name newName", "addColumn users.town", "dropColumn users.city"]);
      expect(d.warnings).toEqual([expect.stringMatching(/users\.town is added while users\.city is dropped/)]);
    }, { resolveRename: async (c) => { asked.push(c); return c.to === "full_name" ? "name" : null; } });
    // city is nullable and name is not: each new column has one candidate of its own shape.
    expect(asked).toEqual([
      { kind: "column", schema: null, table: "users", to: "full_name", from: ["name"] },
      { kind: "column", schema: null, table: "users", to: "town", from: ["city"] },
    ]);
    expect(d.ops[0]).toMatchObject({ changes: { newName: "full_name" } });
  });

  it("19. several candidates: the warning names each, and the resolver is offered all of them", async () => {
    await h.reset();
    await h.exec("CREATE TABLE t (id integer PRIMARY KEY, a varchar(10), b varchar(10))");
    const target = model((md) => table(md, "t", { id: integer().primaryKey().autoincrement(false), c: varchar(10) }));
    const d = await h.diff(target);
    expect(ops(d)).toEqual(["addColumn t.c", "dropColumn t.a", "dropColumn t.b"]);
    expect(d.warnings).toEqual([expect.stringMatching(/t\.c is added while t\.a, t\.b are dropped.*--rename t\.a=c or --rename t\.b=c/)]);
    const offered: string[][] = [];
    await h.roundTrip(target, (x) => expect(ops(x)).toEqual(["alterColumn t.b newName", "dropColumn t.a"]), {
      resolveRename: async (c) => { offered.push([...c.from]); return "b"; },
    });
    expect(offered).toEqual([["a", "b"]]);
  });

  it("19. tables: --rename old=new or renamedFrom gives renameTable; no hint gives drop + create and a warning", async () => {
    await h.reset();
    await h.run((await h.diff(model((md) => table(md, "people", { id: integer().primaryKey(), name: varchar(20) })))).ops);
    await h.exec("INSERT INTO people (id, name) VALUES (1, 'Ada')");
    const plain = model((md) => table(md, "persons", { id: integer().primaryKey(), name: varchar(20) }));
    await h.roundTrip(plain, (d) => expect(ops(d)).toEqual(["renameTable people->persons"]), { renames: parseRenameFlags(["people=persons"]) });
    const marked = model((md) => table(md, "persons", { id: integer().primaryKey(), name: varchar(20) }, { renamedFrom: "people" }));
    const d = await h.roundTrip(marked, (d) => expect(ops(d)).toEqual(["renameTable people->persons"]));
    await h.run(d.ops);
    expect((await h.conn.query<{ name: string }>("SELECT name FROM persons")).map((r) => r.name)).toEqual(["Ada"]);
    await h.run([{ kind: "renameTable", schema: null, from: "persons", to: "people" }]);
    await h.roundTrip(plain, (x) => {
      expect(ops(x)).toEqual(["createTable persons", "dropTable people"]);
      expect(x.warnings).toEqual([expect.stringMatching(/table persons is added while people is dropped.*--rename people=persons/)]);
    });
  });

  it("19. a renamed table whose column is renamed too: both resolved, in that order", async () => {
    await givenUsers(h);
    const target = model((md) => table(md, "members", { id: integer().primaryKey(), fullName: varchar("full_name", 50).notNull(), city: varchar(50) }));
    const asked: string[] = [];
    await h.roundTrip(target, (d) => expect(ops(d)).toEqual(["renameTable users->members", "alterColumn members.name newName"]), {
      resolveRename: async (c) => { asked.push(`${c.kind}:${c.to}`); return c.from[0]!; },
    });
    expect(asked).toEqual(["table:members", "column:full_name"]);
  });

  it("19. renaming a column or table that keys, indexes and other tables' foreign keys name: only the rename", async () => {
    await h.reset();
    const before = model((md) => {
      table(md, "accounts", { id: integer().primaryKey(), email: varchar(100).notNull(), handle: varchar(20) }, {
        uniques: [unique("uq_accounts_email", ["email"])], indexes: [index("ix_accounts_handle", ["handle"])],
      });
      table(md, "sessions", { id: integer().primaryKey(), accountEmail: varchar("account_email", 100).references("accounts.email", { name: "fk_sessions_account" }) });
    });
    await h.run((await h.diff(before)).ops);
    const after = model((md) => {
      table(md, "users", { id: integer().primaryKey(), mail: varchar(100).notNull().renamedFrom("email"), handle: varchar(20) }, {
        uniques: [unique("uq_accounts_email", ["mail"])], indexes: [index("ix_accounts_handle", ["handle"])], renamedFrom: "accounts",
      });
      table(md, "sessions", { id: integer().primaryKey(), accountEmail: varchar("account_email", 100).references("users.mail", { name: "fk_sessions_account" }) });
    });
    await h.roundTrip(after, (d) => expect(ops(d)).toEqual(["renameTable accounts->users", "alterColumn users.email newName"]));
  });

  it("19. a rename alongside real changes to the keys that follow it: those are dropped and recreated, and the downgrade restores all", async () => {
    await h.reset();
    const before = model((md) => {
      table(md, "accounts", { id: integer().primaryKey(), email: varchar(100).notNull() }, { indexes: [index("ix_accounts_email", ["email"])] });
      table(md, "sessions", { id: integer().primaryKey(), accountId: integer("account_id").references("accounts.id", { name: "fk_sessions_account" }) });
      table(md, "stale", { id: integer().primaryKey(), accountId: integer("account_id").references("accounts.id", { name: "fk_stale_account" }) });
    });
    await h.run((await h.diff(before)).ops);
    const after = model((md) => {
      table(md, "users", { id: integer().primaryKey(), mail: varchar(100).notNull().renamedFrom("email") }, {
        indexes: [index("ix_accounts_email", ["mail"], { unique: true })], renamedFrom: "accounts",
      });
      table(md, "sessions", { id: integer().primaryKey(), accountId: integer("account_id").references("users.id", { name: "fk_sessions_account", onDelete: "CASCADE" }) });
    });
    await h.roundTrip(after, (d) => expect(ops(d)).toEqual([
      "renameTable accounts->users",
      "dropForeignkey sessions.fk_sessions_account",
      "dropIndex users.ix_accounts_email",
      "alterColumn users.email newName",
      "createIndex users.ix_accounts_email",
      "createForeignKey sessions.fk_sessions_account",
      "dropTable stale",
    ]));
  });
});

