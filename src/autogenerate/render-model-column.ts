/**
 * One column of a rendered models file: its type builder (with the SQL name where the property
 * key differs) and the calls that make the compiled column match the reflected one.
 */
import type { ColumnSnapshot, ColumnType, TableSnapshot } from "../snapshot/types.js";
import { literal, sqlFragment, type DslName, type ModelsContext } from "./model-source.js";

/** What `.serverDefault(x)` stores as exactly `text`: a plain literal where one does, else sql`…`. */
function defaultValue(text: string, ctx: ModelsContext): string {
  const str = /^'((?:[^']|'')*)'$/.exec(text);
  if (str) return JSON.stringify(str[1]!.replace(/''/g, "'"));
  if (/^-?(?:0|[1-9]\d{0,14})(?:\.\d*[1-9])?$/.test(text) && String(Number(text)) === text) return text;
  if (text === "true" || text === "false") return text;
  return sqlFragment(text, ctx);
}

/** notNull, default, autoincrement: what the compiled column needs to match the reflected one. */
export function columnModifiers(c: ColumnSnapshot, pk: readonly string[], fkColumns: ReadonlySet<string>, ctx: ModelsContext): string[] {
  const out: string[] = [];
  const inPk = pk.includes(c.name);
  if (!c.nullable && !inPk) out.push(".notNull()");
  if (c.nullable && inPk) out.push(".nullable()");
  if (c.default !== null) out.push(`.serverDefault(${defaultValue(c.default, ctx)})`);
  // The DSL's "auto" rule: a lone integer key autoincrements unless it has a default or is a foreign key.
  const integer = c.type.kind === "integer" || c.type.kind === "bigint" || c.type.kind === "smallint";
  const auto = integer && pk.length === 1 && pk[0] === c.name && c.default === null && !fkColumns.has(c.name);
  if (c.autoincrement && !auto) out.push(".autoincrement()");
  if (!c.autoincrement && auto) out.push(".autoincrement(false)");
  return out;
}

function withName(name: string | null, args: readonly string[]): string {
  return [...(name === null ? [] : [JSON.stringify(name)]), ...args].join(", ");
}

/** The builder call for a column's type, `name` being its SQL name when the key differs. */
export function typeBuilder(c: ColumnSnapshot, name: string | null, t: TableSnapshot, ctx: ModelsContext): string {
  const type = c.type;
  const use = (builder: DslName, args: readonly string[] = []) => {
    ctx.used.add(builder);
    return `${builder}(${withName(name, args)})`;
  };
  switch (type.kind) {
    case "varchar":
    case "char":
      return use(type.kind, type.length === null ? [] : [String(type.length)]);
    case "numeric": {
      const { precision: p, scale: s } = type;
      if (p === null && s === null) return use("numeric");
      if (p !== null && s === null) return use("numeric", [String(p)]);
      if (p !== null && s !== null && s >= 0 && s <= p) return use("numeric", [String(p), String(s)]);
      return use("raw", [JSON.stringify(`numeric(${p ?? ""}${s === null ? "" : `,${s}`})`)]);
    }
    case "timestamp":
      return use("timestamp", type.withTimezone ? ["{ withTimezone: true }"] : []);
    case "enum":
      return enumBuilder(type, c, name, t, ctx);
    case "raw":
      return use("raw", [JSON.stringify(type.sql)]);
    default:
      return use(type.kind);
  }
}

/**
 * A named enum (PostgreSQL) keeps its type name and schema; an inline one (MySQL) has no name
 * of its own, so it is named after its table and column.
 */
function enumBuilder(
  type: Extract<ColumnType, { kind: "enum" }>, c: ColumnSnapshot, name: string | null, t: TableSnapshot, ctx: ModelsContext,
): string {
  ctx.used.add("enumType");
  const dot = type.name.indexOf(".");
  const typeSchema = dot < 0 ? null : type.name.slice(0, dot);
  const typeName = dot < 0 ? type.name : type.name.slice(dot + 1);
  const options: Record<string, string> = {};
  if (name !== null) options.name = name;
  if (typeName === "") {
    // Inline enums: the type name is only a label, and keeps each column's values apart.
    const values = JSON.stringify(type.values);
    let label = `${t.name}_${c.name}`;
    for (let n = 2; (ctx.inlineEnums.get(label) ?? values) !== values; n++) label = `${t.name}_${c.name}_${n}`;
    ctx.inlineEnums.set(label, values);
    return `enumType(${JSON.stringify(label)}, ${literal(type.values)}${name === null ? "" : `, ${literal(options)}`})`;
  }
  if (typeSchema !== t.schema) {
    const schema = typeSchema ?? ctx.defaultSchema;
    if (schema !== null) options.schema = schema;
  }
  const rest = Object.keys(options).length === 0 ? "" : `, ${literal(options)}`;
  return `enumType(${JSON.stringify(typeName)}, ${literal(type.values)}${rest})`;
}
