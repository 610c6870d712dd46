/**
 * What lives around a table and a move-and-copy must mind (online only): its stored CREATE text,
 * its triggers (DROP TABLE removes them), the views and other triggers that name it, and the
 * tables whose foreign keys point at it.
 */
import { mentions } from "./apply-op.js";
import { quoteIdentifier } from "./quoting.js";
import { NO_EXTRAS, parseTableExtras, type TableExtras } from "./table-extras.js";

export type Query = (sql: string, params?: readonly unknown[]) => Promise<Record<string, unknown>[]>;

export interface SchemaObject {
  readonly type: "view" | "trigger";
  readonly name: string;
  readonly sql: string;
}

export interface Surroundings {
  readonly extras: TableExtras;
  /** Triggers on the table, in creation order. */
  readonly triggers: readonly SchemaObject[];
  /** Views, and triggers on other tables, whose SQL names the table. */
  readonly dependents: readonly SchemaObject[];
  /** Other tables with foreign keys to this one. */
  readonly children: readonly string[];
  /** SQLite's version number (3046000 for 3.46.0). */
  readonly version: number;
}

const USER_TABLES = `m.type = 'table' AND m.sql NOT LIKE 'CREATE VIRTUAL%' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\'`;

export async function readSurroundings(query: Query, schema: string | null, table: string): Promise<Surroundings> {
  const schemaName = schema ?? "main";
  const master = `${quoteIdentifier(schemaName)}.sqlite_schema`;
  const objects = await query(
    `SELECT type, name, tbl_name, sql FROM ${master} WHERE sql IS NOT NULL ORDER BY rowid`,
  ) as { type: string; name: string; tbl_name: string; sql: string }[];
  const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();
  const own = objects.find((o) => o.type === "table" && same(o.name, table));
  const triggers: SchemaObject[] = [];
  const dependents: SchemaObject[] = [];
  for (const o of objects) {
    if (o.type !== "view" && o.type !== "trigger") continue;
    const obj: SchemaObject = { type: o.type, name: o.name, sql: o.sql };
    if (o.type === "trigger" && same(o.tbl_name, table)) triggers.push(obj);
    else if (mentions(o.sql, table)) dependents.push(obj);
  }
  const children = await query(
    `SELECT DISTINCT m.name AS name FROM ${master} m JOIN pragma_foreign_key_list(m.name, ?) f
     WHERE ${USER_TABLES} AND lower(f."table") = lower(?) AND lower(m.name) <> lower(?) ORDER BY m.name`,
    [schemaName, table, table],
  ) as { name: string }[];
  const [v] = await query("SELECT sqlite_version() AS v") as { v: string }[];
  const [major = 0, minor = 0, patch = 0] = (v?.v ?? "0").split(".").map(Number);
  return {
    extras: own ? parseTableExtras(own.sql) : NO_EXTRAS,
    triggers,
    dependents,
    children: children.map((c) => c.name),
    version: major * 1_000_000 + minor * 1_000 + patch,
  };
}
