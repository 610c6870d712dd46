/**
 * A reflected schema as a models file in the DSL (`athanor pull`): loaded back and compiled, it
 * describes the same tables, so autogenerate against that database finds nothing to do.
 *
 * Simple things go on the column (`.primaryKey()`, `.unique()`, `.references()`); names the
 * naming convention cannot reproduce, composite keys, indexes and checks go in the table options.
 */
import { conventionName, type NamingConvention } from "../schema/naming.js";
import type {
  CheckSnapshot, IndexSnapshot, SchemaSnapshot, TableSnapshot, UniqueSnapshot,
} from "../snapshot/types.js";
import { inferConventions } from "./infer-conventions.js";
import { columnKeys, propertyKey, tableVariables } from "./model-identifiers.js";
import { DSL_NAMES, list, literal, qualified, sqlFragment, type DslName, type ModelsContext } from "./model-source.js";
import { columnModifiers, typeBuilder } from "./render-model-column.js";

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

export function renderModels(snapshot: SchemaSnapshot, options: RenderModelsOptions): RenderedModels {
  const convention = inferConventions(snapshot.tables);
  const ctx: ModelsContext = {
    used: new Set<DslName>(["MetaData", "table"]),
    warnings: [],
    defaultSchema: options.defaultSchema,
    convention,
    tables: new Set(snapshot.tables.filter((t) => t.columns.length > 0).map((t) => qualified(t.schema, t.name))),
    inlineEnums: new Map(),
  };
  // The DSL needs a column to declare a table (PostgreSQL allows none).
  const tables = snapshot.tables.filter((t) => {
    if (t.columns.length > 0) return true;
    ctx.warnings.push(`${qualified(t.schema, t.name)} has no columns, which a model cannot declare; it is left out`);
    return false;
  });
  const variables = tableVariables(tables, new Set<string>([...DSL_NAMES, "metadata"]));
  const body = tables.map((t, i) => renderTable(t, variables[i]!, ctx));
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

function pkName(t: TableSnapshot, ctx: ModelsContext): string | null {
  const pk = t.primaryKey;
  if (!pk || pk.name === null) return null;
  return conventional("pk", pk.name, t.name, pk.columns, ctx) ? null : pk.name;
}

/** True when the naming convention gives this object exactly this name, so the model can leave it out. */
function conventional(
  kind: keyof NamingConvention, name: string | null, table: string, columns: readonly (string | null)[], ctx: ModelsContext,
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

function renderTable(t: TableSnapshot, variable: string, ctx: ModelsContext): string {
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
    // References are written "schema.table.column": a dot inside a name cannot be told apart.
    if ([fk.referredSchema ?? "", fk.referredTable, ...fk.referredColumns].some((n) => n.includes("."))) {
      ctx.warnings.push(`${label}: foreign key ${fk.name ?? `on (${fk.columns.join(", ")})`} refers to a name with a dot in it, which a model cannot write; it is left out`);
      continue;
    }
    for (const c of fk.columns) fkColumns.add(c);
    const name = conventional("fk", fk.name, t.name, fk.columns, ctx, { table: fk.referredTable, columns: fk.referredColumns }) ? null : fk.name;
    const actions = { onDelete: fk.onDelete ?? undefined, onUpdate: fk.onUpdate ?? undefined };
    const single = fk.columns.length === 1;
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

function renderUniques(t: TableSnapshot, ctx: ModelsContext, call: (column: string, text: string) => void): string[] {
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
  t: TableSnapshot, i: IndexSnapshot, ctx: ModelsContext, calls: (column: string) => readonly string[], call: (column: string, text: string) => void,
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

function renderCheck(c: CheckSnapshot, ctx: ModelsContext): string {
  ctx.used.add("check");
  return `check(${c.name === null ? "" : `${JSON.stringify(c.name)}, `}${sqlFragment(c.expression, ctx)})`;
}

/** Enum types no column uses have no place in the models: the DSL declares an enum through its columns. */
function warnUnusedEnums(snapshot: SchemaSnapshot, ctx: ModelsContext): void {
  const used = new Set(snapshot.tables.flatMap((t) => t.columns.flatMap((c) => (c.type.kind === "enum" ? [c.type.name] : []))));
  for (const e of snapshot.enums) {
    const name = qualified(e.schema, e.name);
    if (!used.has(name)) ctx.warnings.push(`enum type ${name} is used by no pulled column; the models declare enums through their columns, so it is left out`);
  }
}
