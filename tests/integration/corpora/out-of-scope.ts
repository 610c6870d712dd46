/**
 * What the corpus matrix leaves out, and why: the one place that says so. Each corpus test
 * attaches its list to its report (vitest annotations).
 *
 * The tool manages tables: columns (type, nullability, server default, comment, generated key),
 * primary keys, foreign keys, unique constraints, indexes (columns, expressions, WHERE, index
 * method), CHECK constraints, table comments and PostgreSQL enums. Everything else in a database
 * is left alone: never reported by autogenerate, never dropped, never written by pull. The copy
 * made from the pulled models therefore lacks it, and the comparison of original and copy (which
 * covers exactly the managed parts) does not look at it.
 */
import type { DialectName } from "../../../src/dialects/dialect.js";

const REASONS = {
  views: "views and materialized views: not tables",
  routines: "triggers, functions, procedures and aggregates: code, not the tables' shape",
  domains: "domains: a column typed with one is pulled as raw(\"<domain>\"); the domain stays the database's",
  sequences: "sequences other than SERIAL/IDENTITY: a default calling nextval('seq') is pulled as that default; the sequence stays the database's",
  partitions: "partitions: not reflected; the partitioned parent is pulled as a plain table (PARTITION BY is not modelled)",
  inherits: "INHERITS: the children are pulled as plain tables, without their link to the parent",
  extensions: "extension-owned objects (cube, earthdistance, unaccent): the extension's",
  fts: "FTS virtual tables and their shadow tables: SQLite's",
  collations: "column and index-key collations, table charsets and engines: not in the snapshot; the copy takes the database's defaults",
  indexKeys: "index key ordering (DESC), operator classes, collations and INCLUDE columns: not in the snapshot; the copy's keys are ascending, with the default class",
  deferrable: "DEFERRABLE constraints and constraint triggers: not in the snapshot; the copy's constraints are immediate",
  unusedEnums: "enum types no column uses: the DSL declares an enum through its columns; pull warns and leaves them out",
  identityAlways: "GENERATED ALWAYS AS IDENTITY: the snapshot knows a generated key, not how; the copy's keys are IDENTITY BY DEFAULT",
  sqliteAutoincrement: "the AUTOINCREMENT keyword: the snapshot knows a generated rowid key; the copy's keys are plain INTEGER PRIMARY KEY",
  mariadbSkips: "MySQL-only /*!50705 … */ parts (address.location and its SPATIAL key): MariaDB skips them on load, so they are not in the database",
} as const;

type Reason = keyof typeof REASONS;

const LEFT_OUT: Readonly<Record<string, readonly Reason[]>> = {
  "chinook-identity:postgresql": ["identityAlways"],
  "pagila:postgresql": ["views", "routines", "domains", "sequences", "partitions"],
  "sakila:postgresql": ["views", "routines", "domains", "sequences", "inherits"],
  "phpbb:postgresql": ["routines", "domains", "sequences"],
  "roundcube:postgresql": ["sequences"],
  "synapse:postgresql": ["routines", "sequences"],
  "musicbrainz:postgresql": [
    "views", "routines", "domains", "partitions", "extensions", "collations", "indexKeys", "deferrable", "unusedEnums",
  ],
  "chinook:mysql": ["collations"],
  "chinook-autoincrement:mysql": ["collations"],
  "sakila:mysql": ["views", "routines", "collations"],
  "sakila-official:mysql": ["views", "routines", "collations", "mariadbSkips"],
  "phpbb:mysql": ["collations"],
  "roundcube:mysql": ["collations"],
  "chinook-autoincrement:sqlite": ["sqliteAutoincrement"],
  "sakila:sqlite": ["views", "routines"],
  "synapse:sqlite": ["fts", "routines"],
};

/** Why each thing this corpus holds is not part of its round trip; empty when nothing is left out. */
export function leftOut(corpus: string, dialect: DialectName): string[] {
  return (LEFT_OUT[`${corpus}:${dialect}`] ?? []).map((r) => REASONS[r]);
}

/** What pull warns it leaves out, per corpus:dialect; none for a corpus not listed. */
export const PULL_LEAVES_OUT: Readonly<Record<string, readonly string[]>> = {
  "musicbrainz:postgresql": [
    "enum type musicbrainz.ratable_entity_type is used by no pulled column; the models declare enums through their columns, so it is left out",
    "enum type musicbrainz.taggable_entity_type is used by no pulled column; the models declare enums through their columns, so it is left out",
  ],
};

/**
 * pg_restore table-of-contents types the PostgreSQL copy gets before its upgrade: objects the
 * tables depend on (a column's domain, a default's sequence or function, an index's operator
 * class or collation, the schemas themselves) that the tool does not create. Enum types are left
 * to the revision.
 */
export const UNMANAGED_PREREQUISITES: readonly string[] = [
  "SCHEMA", "EXTENSION", "DOMAIN", "TYPE", "FUNCTION", "PROCEDURE", "AGGREGATE", "OPERATOR", "OPERATOR CLASS",
  "OPERATOR FAMILY", "SEQUENCE", "COLLATION", "TEXT SEARCH CONFIGURATION", "TEXT SEARCH DICTIONARY", "CAST", "CONVERSION",
];
