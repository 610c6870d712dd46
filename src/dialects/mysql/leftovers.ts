/** Views and (MariaDB) sequences a downgrade to base left behind in the current database. */
import type { Connection, LeftoverObject } from "../dialect.js";

const LEFTOVERS_SQL = `
SELECT TABLE_NAME AS name, TABLE_TYPE AS type
FROM information_schema.TABLES
WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE IN ('VIEW', 'SEQUENCE')
ORDER BY TABLE_NAME`;

export async function listLeftovers(conn: Connection): Promise<LeftoverObject[]> {
  const rows = await conn.query<{ name: string; type: string }>(LEFTOVERS_SQL);
  return rows.map((r) => ({ kind: r.type === "VIEW" ? "view" : "sequence", schema: null, name: String(r.name) }));
}
