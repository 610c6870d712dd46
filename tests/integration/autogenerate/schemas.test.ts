/**
 * PostgreSQL schemas: includeSchemas reflects the schemas the models name (includeName may
 * refuse some); without it, tables outside the default schema are out of scope on both sides.
 */
import { expect, it } from "vitest";
import { MetaData, enumType, integer, table, varchar } from "../../../src/schema/index.js";
import { forDialects, ops } from "./harness.js";

function salesModel(extra?: (md: MetaData) => void): MetaData {
  const md = new MetaData();
  table(md, "customers", { id: integer().primaryKey(), name: varchar(50) });
  table(md, "orders", {
    id: integer().primaryKey(),
    customerId: integer("customer_id").references("customers.id", { name: "fk_orders_customer" }),
    state: enumType("order_state", ["open", "closed"], { schema: "sales" }),
  }, { schema: "sales" });
  extra?.(md);
  return md;
}

forDialects(["postgresql"], (h) => {
  it("includeSchemas: tables, enums and cross-schema foreign keys in a named schema are created, then no ops", async () => {
    await h.reset();
    await h.exec("CREATE SCHEMA sales");
    await h.roundTrip(salesModel(), (d) => expect(ops(d)).toEqual([
      "createEnum sales.order_state", "createTable customers", "createTable sales.orders",
    ]), { config: { includeSchemas: true }, schemas: ["sales"] });
  });

  it("includeSchemas: a table only in a named schema is dropped there; other schemas are never read", async () => {
    await h.reset();
    await h.exec("CREATE SCHEMA sales", "CREATE SCHEMA elsewhere", "CREATE TABLE elsewhere.untouched (id integer)");
    await h.run((await h.diff(salesModel((md) => table(md, "refunds", { id: integer().primaryKey() }, { schema: "sales" })), { config: { includeSchemas: true } })).ops);
    await h.roundTrip(salesModel(), (d) => expect(ops(d)).toEqual(["dropTable sales.refunds"]),
      { config: { includeSchemas: true }, schemas: ["sales", "elsewhere"] });
  });

  it("without includeSchemas, tables in other schemas are out of scope on both sides", async () => {
    await h.reset();
    await h.exec("CREATE SCHEMA sales", "CREATE TABLE sales.legacy (id integer)");
    await h.roundTrip(salesModel(), (d) => expect(ops(d)).toEqual(["createTable customers"]), { schemas: ["sales"] });
  });

  it("includeName can refuse a schema: nothing in it is reflected or compared", async () => {
    await h.reset();
    await h.exec("CREATE SCHEMA sales", "CREATE SCHEMA archive", "CREATE TABLE archive.old (id integer)");
    const md = salesModel((m) => table(m, "old", { id: integer().primaryKey(), extra: integer() }, { schema: "archive" }));
    await h.roundTrip(md, (d) => expect(ops(d)).toEqual([
      "createEnum sales.order_state", "createTable customers", "createTable sales.orders",
    ]), {
      config: { includeSchemas: true, includeName: (n) => !(n.type === "schema" && n.name === "archive") },
      schemas: ["sales", "archive"],
    });
  });
});
