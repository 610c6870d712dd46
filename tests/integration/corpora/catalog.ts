/**
 * The corpus matrix: every corpus of ../shared/corpora on every dialect its README lists, as
 * load.sh names them.
 */
import type { DialectName } from "../../../src/dialects/dialect.js";

export interface CorpusCase {
  /** load.sh's corpus name. */
  readonly corpus: string;
  readonly dialect: DialectName;
  /** Tables the loaded database holds that the tool manages, as a sanity check on reflection. */
  readonly tables: number;
  /** Schemas to pull besides the default one (PostgreSQL). */
  readonly schemas?: readonly string[];
  /** The database name the corpus insists on (its views name it), instead of a scratch one. */
  readonly database?: string;
  /** Large enough to get a test file of its own, so it runs beside the others. */
  readonly large?: boolean;
}

const MUSICBRAINZ_SCHEMAS = [
  "musicbrainz", "cover_art_archive", "documentation", "event_art_archive", "json_dump", "report", "sitemaps",
  "statistics", "wikidocs", "dbmirror2",
];

export const CORPORA: readonly CorpusCase[] = [
  { corpus: "chinook", dialect: "postgresql", tables: 11 },
  { corpus: "chinook-identity", dialect: "postgresql", tables: 11 },
  { corpus: "chinook-serial", dialect: "postgresql", tables: 11 },
  { corpus: "northwind", dialect: "postgresql", tables: 14 },
  { corpus: "pagila", dialect: "postgresql", tables: 15 },
  { corpus: "sakila", dialect: "postgresql", tables: 21 },
  { corpus: "phpbb", dialect: "postgresql", tables: 63 },
  { corpus: "roundcube", dialect: "postgresql", tables: 18 },
  { corpus: "synapse", dialect: "postgresql", tables: 138 },
  { corpus: "musicbrainz", dialect: "postgresql", tables: 515, schemas: MUSICBRAINZ_SCHEMAS, large: true },
  { corpus: "chinook", dialect: "mysql", tables: 11 },
  { corpus: "chinook-autoincrement", dialect: "mysql", tables: 11 },
  { corpus: "sakila", dialect: "mysql", tables: 16, database: "sakila" },
  { corpus: "sakila-official", dialect: "mysql", tables: 16, database: "sakila" },
  { corpus: "phpbb", dialect: "mysql", tables: 63 },
  { corpus: "roundcube", dialect: "mysql", tables: 18 },
  { corpus: "chinook", dialect: "sqlite", tables: 11 },
  { corpus: "chinook-autoincrement", dialect: "sqlite", tables: 11 },
  { corpus: "sakila", dialect: "sqlite", tables: 16 },
  { corpus: "phpbb", dialect: "sqlite", tables: 63 },
  { corpus: "roundcube", dialect: "sqlite", tables: 18 },
  { corpus: "synapse", dialect: "sqlite", tables: 134 },
];

export function casesFor(dialect: DialectName, large = false): CorpusCase[] {
  return CORPORA.filter((c) => c.dialect === dialect && (c.large ?? false) === large);
}
