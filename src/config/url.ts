import type { DatabaseUrl, DialectName } from "../dialects/dialect.js";
import { AthanorError } from "../errors.js";

const SCHEMES: Record<string, DialectName> = {
  sqlite: "sqlite",
  "sqlite+better-sqlite3": "sqlite",
  postgresql: "postgresql",
  postgres: "postgresql",
  "postgresql+pg": "postgresql",
  mysql: "mysql",
  "mysql+mysql2": "mysql",
  mariadb: "mysql",
};

/**
 * Parse a database URL. SQLite: `sqlite:///rel.db` (relative), `sqlite:////abs.db`, `sqlite://:memory:`.
 * The error for a malformed URL shows it redacted, never with its password.
 */
export function parseDatabaseUrl(raw: string): DatabaseUrl {
  const m = /^([a-z][a-z0-9+.-]*):\/\/(.*)$/i.exec(raw.trim());
  if (!m) throw new AthanorError("URL", `malformed database URL "${redactRawUrl(raw)}": expected scheme://…, e.g. sqlite:///app.db or postgresql://user@host/db`);
  const scheme = m[1]!.toLowerCase();
  const dialect = SCHEMES[scheme];
  if (!dialect) {
    throw new AthanorError("URL", `unsupported database URL scheme "${scheme}" in "${redactRawUrl(raw)}": use sqlite, postgresql or mysql`);
  }
  const rest = m[2]!;
  if (dialect === "sqlite") return parseSqlite(rest, raw);
  let parsed: URL;
  try {
    parsed = new URL(`http://${rest}`);
  } catch {
    throw new AthanorError("URL", `malformed database URL "${redactRawUrl(raw)}"`);
  }
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, "")) || null;
  const params: Record<string, string> = {};
  parsed.searchParams.forEach((v, k) => { params[k] = v; });
  if (parsed.port && !/^\d+$/.test(parsed.port)) throw new AthanorError("URL", `malformed port in database URL "${redactRawUrl(raw)}"`);
  return {
    dialect,
    host: parsed.hostname ? decodeURIComponent(parsed.hostname) : null,
    port: parsed.port ? Number(parsed.port) : null,
    user: parsed.username ? decodeURIComponent(parsed.username) : null,
    password: parsed.password ? decodeURIComponent(parsed.password) : null,
    database,
    params,
  };
}

function parseSqlite(rest: string, raw: string): DatabaseUrl {
  const [pathPart, query = ""] = rest.split("?", 2) as [string, string?];
  let database: string;
  if (pathPart === ":memory:" || pathPart === "/:memory:" || pathPart === "") database = ":memory:";
  else if (pathPart.startsWith("/")) database = decodeURIComponent(pathPart.slice(1)); // "/rel.db" or "//abs.db"
  else throw new AthanorError("URL", `malformed SQLite URL "${raw}": use sqlite:///relative.db or sqlite:////absolute/path.db`);
  if (database === "") database = ":memory:";
  const params: Record<string, string> = {};
  new URLSearchParams(query).forEach((v, k) => { params[k] = v; });
  return { dialect: "sqlite", host: null, port: null, user: null, password: null, database, params };
}

/** The URL for display: the password replaced by ***. */
export function redactUrl(url: DatabaseUrl): string {
  if (url.dialect === "sqlite") return `sqlite:///${url.database === ":memory:" ? ":memory:" : url.database}`;
  const auth = url.user ? `${encodeURIComponent(url.user)}${url.password !== null ? ":***" : ""}@` : "";
  const host = url.host ?? "";
  const port = url.port ? `:${url.port}` : "";
  return `${url.dialect}://${auth}${host}${port}/${url.database ?? ""}`;
}

/** Redact a URL string that may not parse: hide whatever sits between "user:" and "@". */
export function redactRawUrl(raw: string): string {
  return raw.replace(/(\/\/[^:/@]*:)[^@]*@/, "$1***@");
}

/** Remove every occurrence of a password from a message (drivers sometimes echo it). */
export function scrubPassword(message: string, url: DatabaseUrl | null): string {
  let out = message;
  if (url?.password) out = out.split(url.password).join("***");
  return out.replace(/(\/\/[^:/@\s]*:)[^@\s]*@/g, "$1***@");
}
