/**
 * What the corpus matrix leaves out, and why: the one place that says so.
 *
 * The tool manages tables: columns (type, nullability, server default, comment, autoincrement),
 * primary keys, foreign keys, unique constraints, indexes (columns, expressions, WHERE), CHECK
 * constraints, table comments and PostgreSQL enums. Everything else in a database is left alone:
 * never reported by autogenerate, never dropped, never written by pull.
 */

/** Left out of every corpus: present in the loaded databases, not managed by the tool. */
export const NOT_MANAGED: readonly string[] = [
  "views and materialized views (pagila, sakila, musicbrainz): not tables; autogenerate neither reports nor drops them",
  "triggers, functions, procedures, aggregates, operators (pagila, sakila, phpbb, musicbrainz): code, not schema the models describe",
  "domains (pagila year and bıgınt, phpbb varchar_ci): a column typed with a domain is pulled as raw(\"<domain>\"); the domain itself stays the database's",
  "sequences other than SERIAL/IDENTITY (phpbb, roundcube, musicbrainz): a column default calling nextval('seq') is pulled as that default; the sequence stays the database's",
  "partitions and INHERITS children's link to their parent (pagila payment_p2022_*, musicbrainz artist_release*): partitions are not reflected; the partitioned parent is pulled as a plain table, and PARTITION BY is not modelled",
  "extension-owned objects (musicbrainz cube, earthdistance, unaccent): the extension's, not the user's",
  "SQLite FTS virtual tables and their shadow tables (synapse), sqlite_sequence: internal to SQLite",
  "collations of columns and index keys (roundcube binary collations, musicbrainz ICU collation, sakila-official utf8mb4_bin), table charsets: not in the snapshot",
  "index operator classes, key ordering (DESC, NULLS FIRST) and INCLUDE columns: not in the snapshot; the copy's indexes have the same keys in the default order and class",
  "DEFERRABLE constraints and PostgreSQL constraint triggers (musicbrainz): not in the snapshot; the copy's constraints are immediate",
  "enum types no column uses: the DSL declares an enum through the columns that use it; pull warns about each and leaves it out",
  "MariaDB skips MySQL's /*!50705 … */ executable comments (sakila-official address.location and its SPATIAL key): absent from the loaded database, so absent from the test",
];

/**
 * pg_restore table-of-contents types the PostgreSQL copy gets before its upgrade: objects the
 * tables depend on (a column's domain, a default's sequence or function, an index's operator
 * class or collation) that the tool does not create. Enum types are left to the revision.
 */
export const UNMANAGED_PREREQUISITES: readonly string[] = [
  "SCHEMA", "EXTENSION", "DOMAIN", "TYPE", "FUNCTION", "PROCEDURE", "AGGREGATE", "OPERATOR", "OPERATOR CLASS",
  "OPERATOR FAMILY", "SEQUENCE", "COLLATION", "TEXT SEARCH CONFIGURATION", "TEXT SEARCH DICTIONARY", "CAST", "CONVERSION",
];
