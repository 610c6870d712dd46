/**
 * A reflected schema as a models file in the DSL (`athanor pull`): loaded back and compiled, it
 * describes the same tables, so autogenerate against that database finds nothing to do.
 *
 * Simple things go on the column (`.primaryKey()`, `.unique()`, `.references()`); names the
 * naming convention cannot reproduce, composite keys, indexes and checks go in the table options.
 */
import { conventionName, type NamingConvention } from "../schema/naming.js";
import type {
  CheckSnapshot, ColumnSnapshot, ColumnType, IndexSnapshot, SchemaSnapshot, TableSnapshot, UniqueSnapshot,
} from "../snapshot/types.js";
import { inferConventions } from "./infer-conventions.js";
import { columnKeys, propertyKey, tableVariables } from "./model-identifiers.js";

export interface RenderModelsOptions {
  /** The database's default schema ("public"), which tables in schema null live in; null where there is none. */
  readonly defaultSchema: string | null;
  /** The module the models import the DSL from. */
  readonly importFrom?: string;
  /** Comment lines for the top of the file. */
  readonly header?: readonly string[];
}

export interface RenderedModels {
  readonly source: string;
  /** What the models could not say, for the person running pull. */
  readonly warnings: readonly string[];
}

/** Every name the file may import; table variables never take one of them. */
const DSL_NAMES = [
  "MetaData", "table", "sql", "integer", "bigint", "smallint", "varchar", "char", "text", "boolean", "real", "double",
  "numeric", "date", "time", "timestamp", "json", "jsonb", "uuid", "blob", "enumType", "raw", "index", "unique", "check",
  "foreignKey", "primaryKey",
] as const;

type DslName = (typeof DSL_NAMES)[number];

interface Ctx {
  readonly used: Set<DslName>;
  readonly warnings: string[];
  readonly defaultSchema: string | null;
  readonly convention: NamingConvention;
  /** Qualified table names that are part of the file, for foreign keys. */
  readonly tables: ReadonlySet<string>;
  /** Labels given to inline enums, with their values: one label, one list. */
  readonly inlineEnums: Map<string, string>;
}

export function renderModels(snapshot: SchemaSnapshot, options: RenderModelsOptions): RenderedModels {
  const convention = inferConventions(snapshot.tables);
  const ctx: Ctx = {
    used: new Set<DslName>(["MetaData", "table"]),
    warnings: [],
    defaultSchema: options.defaultSchema,
    convention,
    tables: new Set(snapshot.tables.map((t) => qualified(t.schema, t.name))),
    inlineEnums: new Map(),
  };
  const variables = tableVariables(snapshot.tables, new Set<string>([...DSL_NAMES, "metadata"]));
  const body = snapshot.tables.map((t, i) => renderTable(t, variables[i]!, ctx));
  warnUnusedEnums(snapshot, ctx);

  const imports = DSL_NAMES.filter((n) => ctx.used.has(n));
  const header = (options.header ?? []).map((l) => (l === "" ? "//" : `// ${l}`));
  const metadataOptions = Object.keys(convention).length > 0 ? `{ namingConvention: ${literal(convention)} }` : "";
  const lines = [
    ...header,
    ...(header.length > 0 ? [""] : []),
    `import { ${imports.join(", ")} } from ${JSON.stringify(options.importFrom ?? "athanor")};`,
    "",
    `export const metadata = new MetaData(${metadataOptions});`,
    ...body.flatMap((b) => ["", b]),
    "",
  ];
  return { source: lines.join("\n"), warnings: ctx.warnings };
}

function qualified(schema: string | null, name: string): string {
  return schema === null ? name : `${schema}.${name}`;
}

function literal(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(literal).join(", ")}]`;
  if (v !== null && typeof v === "object") {
    const entries = Object.entries(v).filter(([, x]) => x !== undefined).map(([k, x]) => `${propertyKey(k)}: ${literal(x)}`);
    return entries.length === 0 ? "{}" : `{ ${entries.join(", ")} }`;
  }
  return JSON.stringify(v);
}

/** sql`…` with the text exactly as given: backslashes, backticks and `${` escaped. */
function sqlFragment(text: string, ctx: Ctx): string {
  ctx.used.add("sql");
  return `sql\`${text.replace(/\\/g, "\\\\").replace(/`/g, "\\`").replace(/\$\{/g, "\\${")}\``;
}

/** What `.serverDefault(x)` stores as exactly `text`: a plain literal where one does, else sql`…`. */
function defaultValue(text: string, ctx: Ctx): string {
  const str = /^'((?:[^']|'')*)'$/.exec(text);
  if (str) return JSON.stringify(str[1]!.replace(/''/g, "'"));
  if (/^-?(?:0|[1-9]\d{0,14})(?:\.\d*[1-9])?$/.test(text) && String(Number(text)) === text) return text;
  if (text === "true" || text === "false") return text;
  return sqlFragment(text, ctx);
}

function pkName(t: TableSnapshot, ctx: Ctx): string | null {
  const pk = t.primaryKey;
  if (!pk || pk.name === null) return null;
  return conventional("pk", pk.name, t.name, pk.columns, ctx) ? null : pk.name;
}

/** True when the naming convention gives this object exactly this name, so the model can leave it out. */
function conventional(
  kind: keyof NamingConvention, name: string | null, table: string, columns: readonly (string | null)[], ctx: Ctx,
  referred?: { table: string; columns: readonly string[] },
): boolean {
  if (name === null) return ctx.convention[kind] === undefined && kind !== "ix";
  try {
    return conventionName(kind, null, ctx.convention, {
      table, columns, referredTable: referred?.table, referredColumns: referred?.columns,
    }) === name;
  } catch {
    return false;
  }
}

interface TablePlan {
  /** Column name → extra calls on the column builder. */
  readonly columnCalls: Map<string, string[]>;
  readonly options: [string, string][];
}

function renderTable(t: TableSnapshot, variable: string, ctx: Ctx): string {
  const plan: TablePlan = { columnCalls: new Map(t.columns.map((c) => [c.name, []])), options: [] };
  const call = (column: string, text: string) => plan.columnCalls.get(column)?.push(text);
  const label = qualified(t.schema, t.name);
  if (t.schema !== null) plan.options.push(["schema", JSON.stringify(t.schema)]);
  if (t.comment !== null) plan.options.push(["comment", JSON.stringify(t.comment)]);

  const pk = t.primaryKey;
  const namedPk = pkName(t, ctx);
  if (pk && pk.columns.length === 1 && namedPk === null) call(pk.columns[0]!, ".primaryKey()");
  else if (pk && pk.columns.length > 0) {
    ctx.used.add("primaryKey");
    plan.options.push(["primaryKey", `primaryKey(${literal(pk.columns)}${namedPk === null ? "" : `, ${JSON.stringify(namedPk)}`})`]);
  }

  const fkColumns = new Set<string>();
  const tableFks: string[] = [];
  for (const fk of t.foreignKeys) {
    const target = qualified(fk.referredSchema, fk.referredTable);
    if (!ctx.tables.has(target)) {
      ctx.warnings.push(`${label}: foreign key ${fk.name ?? `on (${fk.columns.join(", ")})`} refers to ${target}, which is not pulled; it is left out`);
      continue;
    }
    for (const c of fk.columns) fkColumns.add(c);
    const name = conventional("fk", fk.name, t.name, fk.columns, ctx, { table: fk.referredTable, columns: fk.referredColumns }) ? null : fk.name;
    const actions = { onDelete: fk.onDelete ?? undefined, onUpdate: fk.onUpdate ?? undefined };
    const single = fk.columns.length === 1 && !fk.referredTable.includes(".") && !fk.referredColumns[0]!.includes(".") && !(fk.referredSchema ?? "").includes(".");
    const column = fk.columns[0]!;
    if (single && !(plan.columnCalls.get(column) ?? []).some((c) => c.startsWith(".references("))) {
      const opts = literal({ ...actions, name: name ?? undefined });
      call(column, `.references(${JSON.stringify(`${target}.${fk.referredColumns[0]}`)}${opts === "{}" ? "" : `, ${opts}`})`);
    } else {
      ctx.used.add("foreignKey");
      const opts = literal(actions);
      tableFks.push(`foreignKey(${name === null ? "" : `${JSON.stringify(name)}, `}${literal(fk.columns)}, ${JSON.stringify(target)}, ` +
        `${literal(fk.referredColumns)}${opts === "{}" ? "" : `, ${opts}`})`);
    }
  }

  const uniques = renderUniques(t, ctx, call);
  const calls = (column: string) => plan.columnCalls.get(column) ?? [];
  const indexes = t.indexes.map((i) => renderIndex(t, i, ctx, calls, call)).filter((x): x is string => x !== null);
  const checks = t.checks.map((c) => renderCheck(c, ctx));
  if (uniques.length > 0) plan.options.push(["uniques", list(uniques)]);
  if (indexes.length > 0) plan.options.push(["indexes", list(indexes)]);
  if (checks.length > 0) plan.options.push(["checks", list(checks)]);
  if (tableFks.length > 0) plan.options.push(["foreignKeys", list(tableFks)]);

  const keys = columnKeys(t.columns.map((c) => c.name));
  const pkColumns = pk?.columns ?? [];
  const columns = t.columns.map((c, i) => {
    const key = keys[i]!;
    const builder = typeBuilder(c, key === c.name ? null : c.name, t, ctx);
    const planned = plan.columnCalls.get(c.name) ?? [];
    const calls = [
      ...planned.filter((x) => x === ".primaryKey()"),
      ...columnModifiers(c, pkColumns, fkColumns, ctx),
      ...planned.filter((x) => x !== ".primaryKey()"),
    ];
    if (c.comment !== null) calls.push(`.comment(${JSON.stringify(c.comment)})`);
    return `  ${propertyKey(key)}: ${builder}${calls.join("")},`;
  });
  const options = plan.options.length === 0 ? "" : `, {\n${plan.options.map(([k, v]) => `  ${k}: ${v},`).join("\n")}\n}`;
  return `export const ${variable} = table(metadata, ${JSON.stringify(t.name)}, {\n${columns.join("\n")}\n}${options});`;
}

function list(items: readonly string[]): string {
  return `[\n${items.map((i) => `    ${i},`).join("\n")}\n  ]`;
}

/** notNull, default, autoincrement: what the compiled column needs to match the reflected one. */
function columnModifiers(c: ColumnSnapshot, pk: readonly string[], fkColumns: ReadonlySet<string>, ctx: Ctx): string[] {
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
function typeBuilder(c: ColumnSnapshot, name: string | null, t: TableSnapshot, ctx: Ctx): string {
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
  type: Extract<ColumnType, { kind: "enum" }>, c: ColumnSnapshot, name: string | null, t: TableSnapshot, ctx: Ctx,
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

function renderUniques(t: TableSnapshot, ctx: Ctx, call: (column: string, text: string) => void): string[] {
  const out: string[] = [];
  const onColumn = new Set<string>();
  for (const u of t.uniques as readonly UniqueSnapshot[]) {
    const implied = conventional("uq", u.name, t.name, u.columns, ctx);
    const column = u.columns[0]!;
    if (implied && u.columns.length === 1 && !onColumn.has(column)) {
      onColumn.add(column);
      call(column, ".unique()");
      continue;
    }
    ctx.used.add("unique");
    out.push(`unique(${implied || u.name === null ? "" : `${JSON.stringify(u.name)}, `}${literal(u.columns)})`);
  }
  return out;
}

function renderIndex(
  t: TableSnapshot, i: IndexSnapshot, ctx: Ctx, calls: (column: string) => readonly string[], call: (column: string, text: string) => void,
): string | null {
  const names = i.columns.map((c) => (typeof c === "string" ? c : null));
  const implied = conventional("ix", i.name, t.name, names, ctx);
  const single = i.columns.length === 1 && typeof i.columns[0] === "string" && !i.unique && i.where === null && i.using === undefined;
  // unique() and index() together make one unique index, so a unique column keeps its index in the options.
  if (implied && single && !calls(i.columns[0] as string).some((c) => c === ".unique()" || c === ".index()")) {
    call(i.columns[0] as string, ".index()");
    return null;
  }
  ctx.used.add("index");
  const elements = i.columns.map((c) => (typeof c === "string" ? JSON.stringify(c) : sqlFragment(c.expression, ctx)));
  const options: string[] = [];
  if (i.unique) options.push("unique: true");
  if (i.where !== null) options.push(`where: ${sqlFragment(i.where, ctx)}`);
  if (i.using !== undefined) options.push(`using: ${JSON.stringify(i.using)}`);
  return `index(${implied ? "" : `${JSON.stringify(i.name)}, `}[${elements.join(", ")}]${options.length > 0 ? `, { ${options.join(", ")} }` : ""})`;
}

function renderCheck(c: CheckSnapshot, ctx: Ctx): string {
  ctx.used.add("check");
  return `check(${c.name === null ? "" : `${JSON.stringify(c.name)}, `}${sqlFragment(c.expression, ctx)})`;
}

/** Enum types no column uses have no place in the models: the DSL declares an enum through its columns. */
function warnUnusedEnums(snapshot: SchemaSnapshot, ctx: Ctx): void {
  const used = new Set(snapshot.tables.flatMap((t) => t.columns.flatMap((c) => (c.type.kind === "enum" ? [c.type.name] : []))));
  for (const e of snapshot.enums) {
    const name = qualified(e.schema, e.name);
    if (!used.has(name)) ctx.warnings.push(`enum type ${name} is used by no pulled column; the models declare enums through their columns, so it is left out`);
  }
}
