/**
 * Views a downgrade to base left behind. SQLite has no sequences or types, and a trigger or
 * index dies with its table, so a table that remains is what introspection reports.
 */
import type { Connection, LeftoverObject } from "../dialect.js";

export async function listLeftovers(conn: Connection): Promise<LeftoverObject[]> {
  const rows = await conn.query<{ name: string }>(`SELECT name FROM sqlite_master WHERE type = 'view' ORDER BY name`);
  return rows.map((r) => ({ kind: "view", schema: null, name: r.name }));
}
