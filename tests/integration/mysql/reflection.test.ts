/**
 * Reflection: bulk (query count independent of table count), unmanaged objects never shown,
 * other databases as schemas, and the server's spellings that must equal a model's.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ColumnType } from "../../../src/snapshot/types.js";
import { countingConnection } from "../../support/counting.js";
import { serverAvailable } from "../../support/databases.js";
import { openDb } from "./helpers.js";
import type { Db } from "./helpers.js";

const available = await serverAvailable("mysql");

async function createChain(db: Db, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const fk = i === 0 ? "" : `, parent_id INT, CONSTRAINT fk_t${i} FOREIGN KEY (parent_id) REFERENCES t${i - 1} (id) ON DELETE CASCADE`;
    await db.conn.execute(
      `CREATE TABLE t${i} (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(50) NOT NULL, doc JSON,
         CONSTRAINT ck_t${i} CHECK (name <> ''), UNIQUE KEY uq_t${i} (name), KEY ix_t${i} (name, id)${fk}) COMMENT 'table ${i}'`);
  }
}

describe.skipIf(!available)("mysql reflection", () => {
  let small: Db;
  let large: Db;
  beforeAll(async () => {
    small = await openDb();
    large = await openDb();
    await createChain(small, 5);
    await createChain(large, 50);
  });
  afterAll(async () => {
    await small?.close();
    await large?.close();
  });

  it("uses the same number of catalog queries for 5 tables and for 50", async () => {
    const a = countingConnection(small.conn);
    const b = countingConnection(large.conn);
    const snapA = await small.dialect.introspect(a);
    const snapB = await large.dialect.introspect(b);
    expect(snapA.tables).toHaveLength(5);
    expect(snapB.tables).toHaveLength(50);
    expect(snapB.tables.filter((t) => t.foreignKeys.length === 1)).toHaveLength(49);
    expect(snapB.tables.every((t) => t.uniques.length === 1 && t.indexes.length === 1 && t.checks.length === 1)).toBe(true);
    expect(a.count).toBe(b.count);
    expect(a.count).toBeLessThanOrEqual(6);
  });

  it("returns tables sorted by name and honours excludeTable", async () => {
    const snap = await small.dialect.introspect(small.conn, { excludeTable: (schema, name) => schema === null && name === "t3" });
    expect(snap.tables.map((t) => t.name)).toEqual(["t0", "t1", "t2", "t4"]);
  });
});

describe.skipIf(!available)("mysql objects the tool does not manage", () => {
  let db: Db;
  let other: Db;
  beforeAll(async () => {
    db = await openDb();
    other = await openDb("athanor_my_other");
    await db.conn.execute("CREATE TABLE items (id INT PRIMARY KEY, doc JSON, owner_id INT, qty INT, CONSTRAINT fk_items_owner FOREIGN KEY (owner_id) REFERENCES items (id))");
    await db.conn.execute("CREATE VIEW item_ids AS SELECT id FROM items");
    await db.conn.execute("CREATE TRIGGER items_qty BEFORE INSERT ON items FOR EACH ROW SET NEW.qty = COALESCE(NEW.qty, 0)");
    await db.conn.execute("CREATE SEQUENCE item_seq");
    await db.conn.execute("CREATE FUNCTION twice(x INT) RETURNS INT DETERMINISTIC RETURN x * 2");
    await other.conn.execute("CREATE TABLE elsewhere (id INT PRIMARY KEY)");
    await db.conn.execute(`CREATE TABLE linked (id INT PRIMARY KEY, e INT, FOREIGN KEY (e) REFERENCES \`${other.scratch.url.database}\`.elsewhere (id))`);
  });
  afterAll(async () => {
    await db?.close();
    await other?.close();
  });

  it("never reflects views, triggers, sequences, routines, json_valid checks or foreign key indexes", async () => {
    const snap = await db.reflect();
    expect(snap.tables.map((t) => t.name)).toEqual(["items", "linked"]);
    const items = snap.tables[0]!;
    expect(items.columns.find((c) => c.name === "doc")!.type).toEqual({ kind: "json" });
    expect(items.checks).toEqual([]);
    expect(items.indexes).toEqual([]);
    expect(items.foreignKeys.map((f) => f.name)).toEqual(["fk_items_owner"]);
    const linked = snap.tables[1]!;
    expect(linked.indexes).toEqual([]);
    expect(linked.foreignKeys).toEqual([{
      name: "linked_ibfk_1", columns: ["e"], referredSchema: other.scratch.url.database, referredTable: "elsewhere",
      referredColumns: ["id"], onDelete: null, onUpdate: null,
    }]);
  });

  it("reads another database as a named schema", async () => {
    const name = other.scratch.url.database!;
    const snap = await db.dialect.introspect(db.conn, { schemas: [null, name] });
    expect(snap.tables.map((t) => `${t.schema ?? ""}.${t.name}`)).toEqual([".items", ".linked", `${name}.elsewhere`]);
  });
});

describe.skipIf(!available)("mysql: what the server writes back equals the model", () => {
  let db: Db;
  beforeAll(async () => {
    db = await openDb();
    // Written the way MySQL users and dumps write tables, not through the compiler.
    await db.conn.execute(`CREATE TABLE legacy (
      id int(11) NOT NULL AUTO_INCREMENT,
      flag tinyint(1) NOT NULL DEFAULT '1',
      cnt int(11) DEFAULT '0',
      amount decimal(8,2) NOT NULL DEFAULT '0.00',
      price numeric(10,2) DEFAULT 1.5,
      label varchar(20) DEFAULT NULL,
      created datetime NOT NULL DEFAULT CURRENT_TIMESTAMP,
      changed timestamp NULL DEFAULT current_timestamp() ON UPDATE current_timestamp(),
      doc json DEFAULT NULL,
      ratio double DEFAULT 1e3,
      token uuid DEFAULT NULL,
      PRIMARY KEY (id),
      CONSTRAINT ck_legacy CHECK ((cnt >= 0) and (amount < 1000 or amount is null))
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
  });
  afterAll(async () => { await db?.close(); });

  const model: Record<string, { type: ColumnType; default: string | null }> = {
    id: { type: { kind: "integer" }, default: null },
    flag: { type: { kind: "boolean" }, default: "true" },
    cnt: { type: { kind: "integer" }, default: "0" },
    amount: { type: { kind: "numeric", precision: 8, scale: 2 }, default: "0" },
    price: { type: { kind: "raw", sql: "DECIMAL(10, 2)" }, default: "'1.50'" },
    label: { type: { kind: "varchar", length: 20 }, default: null },
    created: { type: { kind: "timestamp", withTimezone: false }, default: "now()" },
    changed: { type: { kind: "timestamp", withTimezone: true }, default: "CURRENT_TIMESTAMP" },
    doc: { type: { kind: "jsonb" }, default: null },
    ratio: { type: { kind: "double" }, default: "1000.0" },
    token: { type: { kind: "uuid" }, default: null },
  };

  it("types and defaults compare equal", async () => {
    const t = await db.table("legacy");
    const d = db.dialect;
    for (const c of t.columns) {
      const m = model[c.name]!;
      expect(d.typesEqual(m.type, c.type), `${c.name} type ${JSON.stringify(c.type)}`).toBe(true);
      expect(d.normalizeDefault(c.default, c.type), `${c.name} default ${c.default}`).toBe(d.normalizeDefault(m.default, m.type));
    }
  });

  it("MariaDB's native UUID reflects as uuid", async () => {
    expect((await db.table("legacy")).columns.find((c) => c.name === "token")!.type).toEqual({ kind: "uuid" });
  });

  it("a check the server rewrites compares equal", async () => {
    const [check] = (await db.table("legacy")).checks;
    expect(db.dialect.normalizeExpression(check!.expression)).toBe(db.dialect.normalizeExpression("cnt >= 0 AND (amount < 1000 OR amount IS NULL)"));
  });

  it("real differences stay different", () => {
    const d = db.dialect;
    expect(d.typesEqual({ kind: "varchar", length: 20 }, { kind: "varchar", length: 50 })).toBe(false);
    expect(d.typesEqual({ kind: "integer" }, { kind: "bigint" })).toBe(false);
    expect(d.typesEqual({ kind: "timestamp", withTimezone: false }, { kind: "timestamp", withTimezone: true })).toBe(false);
    expect(d.typesEqual({ kind: "enum", name: "a", values: ["x", "y"] }, { kind: "enum", name: "", values: ["y", "x"] })).toBe(false);
    expect(d.normalizeDefault("'a'", { kind: "text" })).not.toBe(d.normalizeDefault("'b'", { kind: "text" }));
    expect(d.normalizeDefault("0", { kind: "integer" })).not.toBe(d.normalizeDefault("1", { kind: "integer" }));
    expect(d.normalizeExpression("a > 0 and (b or c)")).not.toBe(d.normalizeExpression("a > 0 and b or c"));
  });
});
