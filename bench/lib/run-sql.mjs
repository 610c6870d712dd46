/**
 * The database's own work for an upgrade, run as a child process: the statements of
 * `athanor upgrade head --sql` executed one by one on a connection through Athanor's dist
 * API, with no revision files, no loader and no graph. Prints JSON { ms, statements }.
 *
 *   node bench/lib/run-sql.mjs <athanor-url> <script.sql>
 */
import { readFileSync } from "node:fs";
import { athanorApi } from "./databases.mjs";

/** Statements of an offline script: comment lines dropped, each statement ends with ";" at a line end. */
export function splitScript(text) {
  const statements = [];
  let current = [];
  for (const line of text.split("\n")) {
    if (current.length === 0 && (line.trim() === "" || line.trimStart().startsWith("--"))) continue;
    current.push(line);
    if (/;\s*$/.test(line)) {
      statements.push(current.join("\n").replace(/;\s*$/, ""));
      current = [];
    }
  }
  return statements;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split("/").pop())) {
  const [url, file] = process.argv.slice(2);
  const { loadDialect, parseDatabaseUrl } = await athanorApi();
  const parsed = parseDatabaseUrl(url);
  const dialect = await loadDialect(parsed.dialect);
  const statements = splitScript(readFileSync(file, "utf8"));
  const t0 = performance.now();
  const conn = await dialect.connect(parsed);
  for (const sql of statements) await conn.execute(sql);
  await conn.close();
  process.stdout.write(JSON.stringify({ ms: performance.now() - t0, statements: statements.length }) + "\n");
}
