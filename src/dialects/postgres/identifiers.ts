/**
 * Identifier quoting. Names are left bare only when PostgreSQL would read them back unchanged,
 * so generated SQL stays readable while quotes, spaces, capitals and keywords keep working.
 */

/** Every keyword that is not fully unreserved (pg_get_keywords() catcode R, T or C, PostgreSQL 15). */
const NON_UNRESERVED = new Set(
  ("all analyse analyze and any array as asc asymmetric authorization between bigint binary bit boolean " +
    "both case cast char character check coalesce collate collation column concurrently constraint create " +
    "cross current_catalog current_date current_role current_schema current_time current_timestamp " +
    "current_user dec decimal default deferrable desc distinct do else end except exists extract false " +
    "fetch float for foreign freeze from full grant greatest group grouping having ilike in initially inner " +
    "inout int integer intersect interval into is isnull join lateral leading least left like limit " +
    "localtime localtimestamp national natural nchar none normalize not notnull null nullif numeric offset " +
    "on only or order out outer overlaps overlay placing position precision primary real references " +
    "returning right row select session_user setof similar smallint some substring symmetric table " +
    "tablesample then time timestamp to trailing treat trim true union unique user using values varchar " +
    "variadic verbose when where window with xmlattributes xmlconcat xmlelement xmlexists xmlforest " +
    "xmlnamespaces xmlparse xmlpi xmlroot xmlserialize xmltable").split(" "),
);

/** True when the name can be written without quotes and still means exactly this name. */
export function isBareIdentifier(name: string): boolean {
  return /^[a-z_][a-z0-9_$]*$/.test(name) && !NON_UNRESERVED.has(name);
}

export function quoteIdentifier(name: string): string {
  return isBareIdentifier(name) ? name : `"${name.replace(/"/g, '""')}"`;
}

/** A schema-qualified name; the default schema (null) is left to search_path. */
export function qualify(schema: string | null, name: string): string {
  return schema ? `${quoteIdentifier(schema)}.${quoteIdentifier(name)}` : quoteIdentifier(name);
}
