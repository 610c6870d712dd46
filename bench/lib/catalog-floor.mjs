/**
 * The catalog-query floor, run as a child process: connect, then read the whole schema with
 * the dialect's bulk introspection through Athanor's dist API. Imports happen before the clock
 * starts, so what is timed is the connection and the catalog queries (with their decoding).
 * Prints JSON: { connectMs, introspectMs (first, cold), warmMs (median of the rest), tables }.
 *
 *   node bench/lib/catalog-floor.mjs <athanor-url> [repeats]
 */
import { athanorApi } from "./databases.mjs";
import { median } from "./measure.mjs";

const [url, repeatsArg] = process.argv.slice(2);
const repeats = Number(repeatsArg ?? 3);
const { loadDialect, parseDatabaseUrl } = await athanorApi();
const parsed = parseDatabaseUrl(url);
const dialect = await loadDialect(parsed.dialect);
const excludeTable = (_schema, name) => name === "athanor_version" || name === "alembic_version";

const t0 = performance.now();
const conn = await dialect.connect(parsed);
const t1 = performance.now();
const first = await dialect.introspect(conn, { excludeTable });
const t2 = performance.now();
const warm = [];
for (let i = 0; i < repeats; i++) {
  const s = performance.now();
  await dialect.introspect(conn, { excludeTable });
  warm.push(performance.now() - s);
}
await conn.close();
process.stdout.write(JSON.stringify({ connectMs: t1 - t0, introspectMs: t2 - t1, warmMs: median(warm), tables: first.tables.length }) + "\n");
