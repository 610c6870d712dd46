import { describe, expect, it } from "vitest";
import {
  MetaData, table, integer, varchar, text, sql, index, unique, check, foreignKey, primaryKey, compileMetadata,
} from "../../../src/schema/index.js";
import type { MetaDataOptions } from "../../../src/schema/index.js";

const conventions: MetaDataOptions["namingConvention"] = {
  ix: "ix_%(table)s_%(columns)s",
  uq: "uq_%(table)s_%(column_0_name)s",
  ck: "ck_%(table)s_%(constraint_name)s",
  fk: "fk_%(table)s_%(column_0_name)s_%(referred_table)s",
  pk: "pk_%(table)s",
};

function accountsAndMembers(options: MetaDataOptions) {
  const md = new MetaData(options);
  table(md, "accounts", { id: integer().primaryKey(), slug: varchar(40).notNull() });
  table(md, "members", {
    accountId: integer("account_id").notNull().references("accounts.id", { onDelete: "CASCADE", onUpdate: "RESTRICT" }),
    userId: integer("user_id").notNull(),
    email: text().unique(),
    nickname: text().index(),
    handle: text().unique().index(),
    age: integer(),
  }, {
    primaryKey: primaryKey(["account_id", "user_id"]),
    checks: [check("adult", sql`age >= 18`)],
    uniques: [unique(["account_id", "nickname"])],
    indexes: [index(["user_id", "age"])],
  });
  return compileMetadata(md).tables.find((t) => t.name === "members")!;
}

describe("naming conventions", () => {
  it("name every constraint and index the way SQLAlchemy would", () => {
    const members = accountsAndMembers({ namingConvention: conventions });
    expect(members.primaryKey).toEqual({ name: "pk_members", columns: ["account_id", "user_id"] });
    expect(members.foreignKeys).toEqual([{
      name: "fk_members_account_id_accounts", columns: ["account_id"], referredSchema: null, referredTable: "accounts",
      referredColumns: ["id"], onDelete: "CASCADE", onUpdate: "RESTRICT",
    }]);
    expect(members.uniques).toEqual([
      { name: "uq_members_account_id", columns: ["account_id", "nickname"] },
      { name: "uq_members_email", columns: ["email"] },
    ]);
    expect(members.indexes).toEqual([
      { name: "ix_members_handle", columns: ["handle"], unique: true, where: null },
      { name: "ix_members_nickname", columns: ["nickname"], unique: false, where: null },
      { name: "ix_members_user_id_age", columns: ["user_id", "age"], unique: false, where: null },
    ]);
    expect(members.checks).toEqual([{ name: "ck_members_adult", expression: "age >= 18" }]);
  });

  it("leave constraints unnamed without a convention, but always name indexes ix_<table>_<column>", () => {
    const members = accountsAndMembers({});
    expect(members.primaryKey).toEqual({ name: null, columns: ["account_id", "user_id"] });
    expect(members.foreignKeys.map((fk) => fk.name)).toEqual([null]);
    expect(members.uniques).toEqual([
      { name: null, columns: ["account_id", "nickname"] },
      { name: null, columns: ["email"] },
    ]);
    expect(members.indexes.map((ix) => ix.name)).toEqual(["ix_members_handle", "ix_members_nickname", "ix_members_user_id"]);
    expect(members.checks).toEqual([{ name: "adult", expression: "age >= 18" }]);
  });

  it("keep explicit names unless the convention embeds %(constraint_name)s", () => {
    const md = new MetaData({ namingConvention: conventions });
    table(md, "t", { id: integer(), a: integer() }, {
      primaryKey: primaryKey(["id"], "t_key"),
      uniques: [unique("t_a_key", ["a"])],
      indexes: [index("by_a", ["a"])],
      checks: [check("positive", sql`a > 0`)],
      foreignKeys: [foreignKey("t_a_fk", ["a"], "t", ["id"])],
    });
    const t = compileMetadata(md).tables[0]!;
    expect(t.primaryKey!.name).toBe("t_key");
    expect(t.uniques[0]!.name).toBe("t_a_key");
    expect(t.indexes[0]!.name).toBe("by_a");
    expect(t.checks[0]!.name).toBe("ck_t_positive");
    expect(t.foreignKeys[0]!.name).toBe("t_a_fk");
  });

  it("support the column_0_N_name, column_0N_name, column_N_name and referred_column tokens", () => {
    const md = new MetaData({
      namingConvention: {
        uq: "uq_%(column_0_N_name)s",
        ix: "ix_%(column_0N_name)s_%(column_1_name)s",
        fk: "fk_%(referred_table)s_%(referred_column_0_name)s",
      },
    });
    table(md, "t", { id: integer().primaryKey(), a: integer(), b: integer().references("t.id") }, {
      uniques: [unique(["a", "b"])],
      indexes: [index(["a", "b"])],
    });
    const t = compileMetadata(md).tables[0]!;
    expect(t.uniques[0]!.name).toBe("uq_a_b");
    expect(t.indexes[0]!.name).toBe("ix_ab_b");
    expect(t.foreignKeys[0]!.name).toBe("fk_t_id");
  });

  it.each([
    [{ ck: "ck_%(table)s_%(constraint_name)s" }, () => check(sql`x > 0`), /uses %\(constraint_name\)s: give the constraint on table "t" a name/],
    [{ ck: "ck_%(column_0_name)s" }, () => check(sql`x > 0`), /needs column 0, but the constraint has 0 column/],
    [{ ix: "ix_%(column_0_name)s" }, () => index([sql`lower(x)`]), /cannot name column 0: it is an expression/],
    [{ ix: "ix_%(column_3_name)s" }, () => index(["x"]), /needs column 3, but the constraint has 1 column/],
    [{ uq: "uq_%(nonsense)s" }, () => unique(["x"]), /unknown token %\(nonsense\)s/],
  ])("refuse a convention %j that cannot name the constraint", (namingConvention, make, message) => {
    const md = new MetaData({ namingConvention });
    const made = make();
    const key = made.kind === "index" ? "indexes" : made.kind === "check" ? "checks" : "uniques";
    table(md, "t", { x: integer() }, { [key]: [made] });
    expect(() => compileMetadata(md)).toThrow(message);
  });

  it("refuse unknown convention keys", () => {
    expect(() => new MetaData({ namingConvention: { idx: "x" } as never })).toThrow(/unknown key "idx"/);
  });
});

describe("indexes", () => {
  it("keep expressions and partial-index predicates", () => {
    const md = new MetaData();
    table(md, "people", { id: integer().primaryKey(), email: text(), deletedAt: text("deleted_at") }, {
      indexes: [index("ix_people_lower_email", [sql`lower(email)`, "id"], { unique: true, where: sql`(deleted_at IS NULL)` })],
    });
    expect(compileMetadata(md).tables[0]!.indexes).toEqual([
      { name: "ix_people_lower_email", columns: [{ expression: "lower(email)" }, "id"], unique: true, where: "deleted_at IS NULL" },
    ]);
  });

  it("require sql`…` for where and refuse empty column lists", () => {
    expect(() => index("i", ["a"], { where: "a > 0" as never })).toThrow(/where must be written with sql`…`/);
    expect(() => index("i", [])).toThrow(/needs a non-empty array of columns/);
  });
});

describe("checks", () => {
  it("store the condition without outer parentheses, but keep inner ones", () => {
    const md = new MetaData();
    table(md, "t", { a: integer(), b: integer() }, {
      checks: [
        check("c1", sql`((a > 0))`),
        check("c2", sql`(a > 0) AND (b > 0)`),
        check("c3", sql`(a = ')')`),
      ],
    });
    expect(compileMetadata(md).tables[0]!.checks.map((c) => c.expression)).toEqual(["a > 0", "(a > 0) AND (b > 0)", "a = ')'"]);
  });

  it("refuse a plain string condition", () => {
    expect(() => check("c", "a > 0" as never)).toThrow(/expression must be written with sql`…`/);
  });
});

describe("primary keys", () => {
  it("form a composite key from several primaryKey() columns, in declaration order", () => {
    const md = new MetaData({ namingConvention: { pk: "pk_%(table)s" } });
    table(md, "links", { b: integer().primaryKey(), a: integer().primaryKey(), note: text() });
    expect(compileMetadata(md).tables[0]!.primaryKey).toEqual({ name: "pk_links", columns: ["b", "a"] });
  });

  it("accept a plain array in the table option", () => {
    const md = new MetaData();
    table(md, "links", { a: integer(), b: integer() }, { primaryKey: ["a", "b"] });
    expect(compileMetadata(md).tables[0]!.primaryKey).toEqual({ name: null, columns: ["a", "b"] });
  });

  it("accept the same key declared both ways, and refuse two different ones", () => {
    const md = new MetaData();
    table(md, "same", { a: integer().primaryKey(), b: integer().primaryKey() }, { primaryKey: ["b", "a"] });
    expect(compileMetadata(md).tables[0]!.primaryKey!.columns).toEqual(["b", "a"]);
    expect(() => table(md, "different", { a: integer().primaryKey(), b: integer() }, { primaryKey: ["b"] })).toThrow(
      /columns a call primaryKey\(\) but the primaryKey option lists b/,
    );
  });

  it("is null for a table without one", () => {
    const md = new MetaData();
    table(md, "log", { line: text() });
    expect(compileMetadata(md).tables[0]!.primaryKey).toBeNull();
  });
});

describe("foreign keys", () => {
  it("support composite keys with actions, sorted with the column-level ones by name", () => {
    const md = new MetaData({ namingConvention: { fk: "fk_%(table)s_%(columns)s" } });
    table(md, "parents", { a: integer(), b: integer(), id: integer() }, { primaryKey: ["a", "b"] });
    table(md, "children", {
      pa: integer(), pb: integer(), other: integer().references("parents.id", { name: "aaa_first" }),
    }, {
      foreignKeys: [foreignKey(["pa", "pb"], "parents", ["a", "b"], { onDelete: "SET NULL", onUpdate: "NO ACTION" })],
    });
    const children = compileMetadata(md).tables.find((t) => t.name === "children")!;
    expect(children.foreignKeys).toEqual([
      {
        name: "aaa_first", columns: ["other"], referredSchema: null, referredTable: "parents", referredColumns: ["id"],
        onDelete: null, onUpdate: null,
      },
      {
        name: "fk_children_pa_pb", columns: ["pa", "pb"], referredSchema: null, referredTable: "parents", referredColumns: ["a", "b"],
        onDelete: "SET NULL", onUpdate: "NO ACTION",
      },
    ]);
  });

  it("refuse mismatched column counts", () => {
    expect(() => foreignKey("f", ["a", "b"], "t", ["x"])).toThrow(/has 2 column\(s\) but 1 referred column\(s\)/);
  });

  it("resolve a function target, so a table may refer to one declared later", () => {
    const md = new MetaData();
    table(md, "pets", { owner: varchar(10).references(() => owners.key) });
    const owners = table(md, "owners", { key: varchar("owner_key", 10).primaryKey() });
    const pets = compileMetadata(md).tables.find((t) => t.name === "pets")!;
    expect(pets.foreignKeys[0]).toMatchObject({ referredTable: "owners", referredColumns: ["owner_key"] });
  });
});

describe("sorting", () => {
  it("orders constraint lists by name with unnamed ones last", () => {
    const md = new MetaData();
    table(md, "t", { a: integer(), b: integer(), c: integer() }, {
      uniques: [unique(["c"]), unique("zz", ["a"]), unique("aa", ["b"]), unique(["a", "b"])],
      checks: [check(sql`c > 0`), check("b_pos", sql`b > 0`), check(sql`a > 0`)],
      indexes: [index("ix_z", ["a"]), index("ix_a", ["b"])],
    });
    const t = compileMetadata(md).tables[0]!;
    expect(t.uniques.map((u) => u.name ?? u.columns.join("+"))).toEqual(["aa", "zz", "a+b", "c"]);
    expect(t.checks.map((c) => c.name ?? c.expression)).toEqual(["b_pos", "a > 0", "c > 0"]);
    expect(t.indexes.map((i) => i.name)).toEqual(["ix_a", "ix_z"]);
  });
});
