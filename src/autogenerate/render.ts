import { typeToSpec } from "../operations/spec.js";
import { assertNever, type Op } from "../operations/types.js";
import type { ColumnSnapshot, TableSnapshot } from "../snapshot/types.js";

/**
 * TypeScript source for ops: one awaited `op.…` statement per op, object literals only,
 * so a revision file needs nothing but `import type` from athanor.
 */
export function renderOps(ops: readonly Op[], indent = "  "): string {
  if (ops.length === 0) return `${indent}// nothing to do`;
  return ops.map((op) => indentLines(`await ${renderOp(op)};`, indent)).join("\n");
}

function indentLines(text: string, indent: string): string {
  return text.split("\n").map((l) => (l ? indent + l : l)).join("\n");
}

/** A TypeScript literal for plain data, spaced the way people write it. */
function lit(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(lit).join(", ")}]`;
  if (v !== null && typeof v === "object") {
    const entries = Object.entries(v).map(([k, x]) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)}: ${lit(x)}`);
    return entries.length ? `{ ${entries.join(", ")} }` : "{}";
  }
  return JSON.stringify(v) ?? "undefined";
}

/** An object literal with keys in the given order, omitting undefined values. */
function obj(entries: readonly (readonly [string, string | undefined])[], multiline = false, depth = 1): string {
  const parts = entries.filter(([, v]) => v !== undefined).map(([k, v]) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : lit(k)}: ${v}`);
  if (parts.length === 0) return "{}";
  if (!multiline) return `{ ${parts.join(", ")} }`;
  const pad = "  ".repeat(depth);
  return `{\n${parts.map((p) => `${pad}${p},`).join("\n")}\n${"  ".repeat(depth - 1)}}`;
}

function schemaOpt(schema: string | null): readonly [string, string | undefined] {
  return ["schema", schema ? lit(schema) : undefined];
}

function columnSpec(c: ColumnSnapshot, inPrimaryKey = false): string {
  return obj([
    ["type", lit(typeToSpec(c.type))],
    ["nullable", c.nullable && !inPrimaryKey ? undefined : lit(c.nullable)],
    ["autoincrement", c.autoincrement ? "true" : undefined],
    ["serverDefault", c.default !== null ? lit(c.default) : undefined],
    ["comment", c.comment !== null ? lit(c.comment) : undefined],
  ]);
}

function renderCreateTable(t: TableSnapshot): string {
  const pkCols = new Set(t.primaryKey?.columns ?? []);
  const columns = obj(t.columns.map((c) => [c.name, columnSpec(c, pkCols.has(c.name))] as const), true, 1);
  const options = obj([
    schemaOpt(t.schema),
    ["primaryKey", t.primaryKey ? (t.primaryKey.name ? obj([["name", lit(t.primaryKey.name)], ["columns", lit(t.primaryKey.columns)]]) : lit(t.primaryKey.columns)) : undefined],
    ["foreignKeys", t.foreignKeys.length ? list(t.foreignKeys.map((fk) => obj([
      ["name", fk.name ? lit(fk.name) : undefined],
      ["columns", lit(fk.columns)],
      ["referredTable", lit(fk.referredTable)],
      ["referredSchema", fk.referredSchema ? lit(fk.referredSchema) : undefined],
      ["referredColumns", lit(fk.referredColumns)],
      ["onDelete", fk.onDelete ? lit(fk.onDelete) : undefined],
      ["onUpdate", fk.onUpdate ? lit(fk.onUpdate) : undefined],
    ]))) : undefined],
    ["uniques", t.uniques.length ? list(t.uniques.map((u) => obj([["name", u.name ? lit(u.name) : undefined], ["columns", lit(u.columns)]]))) : undefined],
    ["indexes", t.indexes.length ? list(t.indexes.map((i) => obj([
      ["name", lit(i.name)], ["columns", lit(i.columns)], ["unique", i.unique ? "true" : undefined], ["where", i.where ? lit(i.where) : undefined],
      ["using", i.using ? lit(i.using) : undefined],
    ]))) : undefined],
    ["checks", t.checks.length ? list(t.checks.map((c) => obj([["name", c.name ? lit(c.name) : undefined], ["expression", lit(c.expression)]]))) : undefined],
    ["comment", t.comment !== null ? lit(t.comment) : undefined],
  ], true, 1);
  return `op.createTable(${lit(t.name)}, ${columns}${options === "{}" ? "" : `, ${options}`})`;
}

function list(items: readonly string[]): string {
  return `[\n${items.map((i) => `    ${i},`).join("\n")}\n  ]`;
}

function tail(schema: string | null, extra: readonly (readonly [string, string | undefined])[] = []): string {
  const o = obj([...extra, schemaOpt(schema)]);
  return o === "{}" ? "" : `, ${o}`;
}

export function renderOp(op: Op): string {
  switch (op.kind) {
    case "createTable":
      return renderCreateTable(op.table);
    case "dropTable":
      return `op.dropTable(${lit(op.table.name)}${tail(op.table.schema)})`;
    case "renameTable":
      return `op.renameTable(${lit(op.from)}, ${lit(op.to)}${tail(op.schema)})`;
    case "addColumn":
      return `op.addColumn(${lit(op.table)}, ${lit(op.column.name)}, ${columnSpec(op.column)}${tail(op.schema)})`;
    case "dropColumn":
      return `op.dropColumn(${lit(op.table)}, ${lit(op.column.name)}${tail(op.schema)})`;
    case "alterColumn": {
      const c = op.changes;
      const e = op.existing;
      const entries: (readonly [string, string | undefined])[] = [
        ["newName", c.newName !== undefined ? lit(c.newName) : undefined],
        ["type", c.type !== undefined ? lit(typeToSpec(c.type)) : undefined],
        ["nullable", c.nullable !== undefined ? lit(c.nullable) : undefined],
        ["serverDefault", c.default !== undefined ? lit(c.default) : undefined],
        ["comment", c.comment !== undefined ? lit(c.comment) : undefined],
        ["autoincrement", c.autoincrement !== undefined ? lit(c.autoincrement) : undefined],
        ["existingType", lit(typeToSpec(e.type))],
        ["existingNullable", lit(e.nullable)],
        ["existingServerDefault", lit(e.default)],
        ["existingComment", e.comment !== null ? lit(e.comment) : undefined],
        ["existingAutoincrement", e.autoincrement ? "true" : undefined],
        schemaOpt(op.schema),
      ];
      return `op.alterColumn(${lit(op.table)}, ${lit(op.column)}, ${obj(entries, true, 1)})`;
    }
    case "createIndex":
      return `op.createIndex(${lit(op.index.name)}, ${lit(op.table)}, ${lit(op.index.columns)}${tail(op.schema, [
        ["unique", op.index.unique ? "true" : undefined],
        ["where", op.index.where ? lit(op.index.where) : undefined],
        ["using", op.index.using ? lit(op.index.using) : undefined],
        ["concurrently", op.concurrently ? "true" : undefined],
      ])})`;
    case "dropIndex":
      return `op.dropIndex(${lit(op.index.name)}, ${lit(op.table)}${tail(op.schema)})`;
    case "createUniqueConstraint":
      return `op.createUniqueConstraint(${lit(op.unique.name)}, ${lit(op.table)}, ${lit(op.unique.columns)}${tail(op.schema)})`;
    case "createForeignKey": {
      const fk = op.foreignKey;
      return `op.createForeignKey(${lit(fk.name)}, ${lit(op.table)}, ${lit(fk.referredTable)}, ${lit(fk.columns)}, ${lit(fk.referredColumns)}${tail(null, [
        ["onDelete", fk.onDelete ? lit(fk.onDelete) : undefined],
        ["onUpdate", fk.onUpdate ? lit(fk.onUpdate) : undefined],
        ["sourceSchema", op.schema ? lit(op.schema) : undefined],
        ["referentSchema", fk.referredSchema ? lit(fk.referredSchema) : undefined],
      ])})`;
    }
    case "createCheckConstraint":
      return `op.createCheckConstraint(${lit(op.check.name)}, ${lit(op.table)}, ${lit(op.check.expression)}${tail(op.schema)})`;
    case "createPrimaryKey":
      return `op.createPrimaryKey(${lit(op.primaryKey.name)}, ${lit(op.table)}, ${lit(op.primaryKey.columns)}${tail(op.schema)})`;
    case "dropConstraint":
      return `op.dropConstraint(${lit(op.name)}, ${lit(op.table)}${tail(op.schema, [["type", lit(op.type)]])})`;
    case "createTableComment":
      return `op.createTableComment(${lit(op.table)}, ${lit(op.comment)}${tail(op.schema, [["existingComment", op.existing !== null ? lit(op.existing) : undefined]])})`;
    case "dropTableComment":
      return `op.dropTableComment(${lit(op.table)}${tail(op.schema, [["existingComment", op.existing !== null ? lit(op.existing) : undefined]])})`;
    case "createEnum":
      return `op.createEnum(${lit(op.enum.name)}, ${lit(op.enum.values)}${tail(op.enum.schema)})`;
    case "dropEnum":
      return `op.dropEnum(${lit(op.enum.name)}${tail(op.enum.schema, [["values", lit(op.enum.values)]])})`;
    case "addEnumValue":
      return `op.addEnumValue(${lit(op.enum.name)}, ${lit(op.value)}${tail(op.enum.schema, [
        ["before", op.before ? lit(op.before) : undefined],
        ["after", op.after ? lit(op.after) : undefined],
      ])})`;
    case "replaceEnum":
      return `op.replaceEnum(${lit(op.enum.name)}, ${lit(op.enum.values)}${tail(op.enum.schema, [["existingValues", lit(op.existing.values)]])})`;
    case "execute":
      return `op.execute(${lit(op.sql)})`;
    case "bulkInsert":
      return `op.bulkInsert(${lit(op.table)}, ${lit(op.rows)}${tail(op.schema)})`;
    case "batchAlterTable":
      return renderBatch(op);
    default:
      return assertNever(op, "operation");
  }
}

/** Stands for a batch's table while its ops render; the batch methods take no table argument. */
const BATCH_TABLE = "\u0000batch-table";

/**
 * `op.batchAlterTable("t", async (batch) => { … })`: each inner op renders as it would on its
 * own, then loses its table argument (and schema, which the batch carries) and talks to `batch`.
 */
function renderBatch(op: Extract<Op, { kind: "batchAlterTable" }>): string {
  const inner = op.ops.map((o) => {
    const text = renderOp({ ...o, table: BATCH_TABLE, schema: null });
    return `await ${text.split(`${lit(BATCH_TABLE)}, `).join("").split(`, ${lit(BATCH_TABLE)}`).join("").split(lit(BATCH_TABLE)).join("").replace(/^op\./, "batch.")};`;
  });
  const options = obj([
    ["recreate", op.recreate !== "auto" ? lit(op.recreate) : undefined],
    schemaOpt(op.schema),
  ]);
  const body = inner.length ? indentLines(inner.join("\n"), "  ") : "  // nothing to do";
  return `op.batchAlterTable(${lit(op.table)}, async (batch) => {\n${body}\n}${options === "{}" ? "" : `, ${options}`})`;
}
