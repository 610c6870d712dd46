import { AthanorError } from "../errors.js";
import type {
  ColumnSnapshot, ReferentialAction, TableSnapshot,
} from "../snapshot/types.js";
import { columnFromSpec, parseTypeSpec, type ColumnSpec, type ForeignKeySpec, type IndexSpec, type TypeSpec } from "./spec.js";
import type { ConstraintType, Op, TableRef } from "./types.js";
import { BatchOperations, checkRecreate, collectingSink, copyFromTable, type BatchAlterOptions } from "./batch.js";
import { tableFromSpec } from "./table-spec.js";

/** Where ops go: the runner executes them online, or collects their SQL offline. */
export interface OpSink {
  readonly dialectName: string;
  run(op: Op): Promise<void>;
  /** The table as it is now, when a database is at hand; null offline. */
  reflectTable(ref: TableRef): Promise<TableSnapshot | null>;
  /** Run `fn` outside the revision's transaction (CREATE INDEX CONCURRENTLY and the like). */
  autocommit(fn: () => Promise<void>): Promise<void>;
}

interface SchemaOpt { readonly schema?: string | null }

export interface CreateTableOptions extends SchemaOpt {
  readonly primaryKey?: readonly string[] | { readonly name?: string | null; readonly columns: readonly string[] };
  readonly foreignKeys?: readonly ForeignKeySpec[];
  readonly uniques?: readonly { readonly name?: string | null; readonly columns: readonly string[] }[];
  readonly indexes?: readonly IndexSpec[];
  readonly checks?: readonly { readonly name?: string | null; readonly expression: string }[];
  readonly comment?: string | null;
}

export interface AlterColumnOptions extends SchemaOpt {
  readonly type?: TypeSpec;
  readonly nullable?: boolean;
  readonly serverDefault?: string | null;
  readonly comment?: string | null;
  readonly newName?: string;
  readonly autoincrement?: boolean;
  readonly existingType?: TypeSpec;
  readonly existingNullable?: boolean;
  readonly existingServerDefault?: string | null;
  readonly existingComment?: string | null;
  readonly existingAutoincrement?: boolean;
}

export interface ForeignKeyOptions {
  readonly onDelete?: ReferentialAction | null;
  readonly onUpdate?: ReferentialAction | null;
  readonly sourceSchema?: string | null;
  readonly referentSchema?: string | null;
}

/**
 * `op` in revision files: Alembic's operations, camelCase. Each call builds an op (plain data)
 * and hands it to the sink, so online and offline runs share one path.
 */
export class Operations {
  readonly #sink: OpSink;

  constructor(sink: OpSink) {
    this.#sink = sink;
  }

  /** The dialect's name: "postgresql", "mysql" or "sqlite". */
  get dialect(): string {
    return this.#sink.dialectName;
  }

  async createTable(name: string, columns: Record<string, ColumnSpec>, options: CreateTableOptions = {}): Promise<void> {
    await this.#sink.run({ kind: "createTable", table: tableFromSpec(options.schema ?? null, name, columns, options, "createTable") });
  }

  async dropTable(name: string, options: SchemaOpt = {}): Promise<void> {
    await this.#sink.run({ kind: "dropTable", table: emptyTable(options.schema ?? null, name) });
  }

  async renameTable(from: string, to: string, options: SchemaOpt = {}): Promise<void> {
    await this.#sink.run({ kind: "renameTable", schema: options.schema ?? null, from, to });
  }

  async addColumn(table: string, name: string, column: ColumnSpec, options: SchemaOpt = {}): Promise<void> {
    await this.#sink.run({ kind: "addColumn", ...ref(table, options), column: columnFromSpec(name, column) });
  }

  async dropColumn(table: string, name: string, options: SchemaOpt = {}): Promise<void> {
    const r = ref(table, options);
    const existing = await this.#existingColumn(r, name);
    await this.#sink.run({ kind: "dropColumn", ...r, column: existing ?? { ...UNKNOWN_COLUMN, name } });
  }

  async alterColumn(table: string, name: string, options: AlterColumnOptions): Promise<void> {
    const r = ref(table, options);
    const reflected = await this.#existingColumn(r, name);
    const existing: ColumnSnapshot = {
      name,
      type: options.existingType !== undefined ? parseTypeSpec(options.existingType) : reflected?.type ?? UNKNOWN_COLUMN.type,
      nullable: options.existingNullable ?? reflected?.nullable ?? true,
      default: options.existingServerDefault !== undefined ? options.existingServerDefault : reflected?.default ?? null,
      autoincrement: options.existingAutoincrement ?? reflected?.autoincrement ?? false,
      comment: options.existingComment !== undefined ? options.existingComment : reflected?.comment ?? null,
    };
    const changes = {
      ...(options.type !== undefined ? { type: parseTypeSpec(options.type) } : {}),
      ...(options.nullable !== undefined ? { nullable: options.nullable } : {}),
      ...(options.serverDefault !== undefined ? { default: options.serverDefault } : {}),
      ...(options.comment !== undefined ? { comment: options.comment } : {}),
      ...(options.newName !== undefined ? { newName: options.newName } : {}),
      ...(options.autoincrement !== undefined ? { autoincrement: options.autoincrement } : {}),
    };
    if (Object.keys(changes).length === 0) {
      throw new AthanorError("USAGE", `alterColumn("${table}", "${name}") changes nothing: give type, nullable, serverDefault, comment, newName or autoincrement`, { operation: "alterColumn" });
    }
    await this.#sink.run({ kind: "alterColumn", ...r, column: name, changes, existing });
  }

  async createIndex(
    name: string, table: string, columns: IndexSpec["columns"],
    options: SchemaOpt & { unique?: boolean; where?: string | null; using?: string | null; concurrently?: boolean } = {},
  ): Promise<void> {
    await this.#sink.run({
      kind: "createIndex",
      ...ref(table, options),
      index: { name, columns: [...columns], unique: options.unique ?? false, where: options.where ?? null, ...(options.using ? { using: options.using.toLowerCase() } : {}) },
      concurrently: options.concurrently ?? false,
    });
  }

  async dropIndex(name: string, table: string, options: SchemaOpt = {}): Promise<void> {
    await this.#sink.run({ kind: "dropIndex", ...ref(table, options), index: { name, columns: [], unique: false, where: null } });
  }

  async createUniqueConstraint(name: string | null, table: string, columns: readonly string[], options: SchemaOpt = {}): Promise<void> {
    await this.#sink.run({ kind: "createUniqueConstraint", ...ref(table, options), unique: { name, columns: [...columns] } });
  }

  async createForeignKey(
    name: string | null, source: string, referent: string,
    localCols: readonly string[], remoteCols: readonly string[], options: ForeignKeyOptions = {},
  ): Promise<void> {
    await this.#sink.run({
      kind: "createForeignKey",
      ...ref(source, { schema: options.sourceSchema ?? null }),
      foreignKey: {
        name,
        columns: [...localCols],
        referredSchema: options.referentSchema ?? null,
        referredTable: referent,
        referredColumns: [...remoteCols],
        onDelete: options.onDelete ?? null,
        onUpdate: options.onUpdate ?? null,
      },
    });
  }

  async createCheckConstraint(name: string | null, table: string, condition: string, options: SchemaOpt = {}): Promise<void> {
    await this.#sink.run({ kind: "createCheckConstraint", ...ref(table, options), check: { name, expression: condition } });
  }

  async createPrimaryKey(name: string | null, table: string, columns: readonly string[], options: SchemaOpt = {}): Promise<void> {
    await this.#sink.run({ kind: "createPrimaryKey", ...ref(table, options), primaryKey: { name, columns: [...columns] } });
  }

  async dropConstraint(name: string, table: string, options: SchemaOpt & { type: ConstraintType }): Promise<void> {
    if (!options?.type) {
      throw new AthanorError("USAGE", `dropConstraint("${name}", "${table}") needs { type: "unique" | "foreignkey" | "check" | "primary" }`, { operation: "dropConstraint" });
    }
    await this.#sink.run({ kind: "dropConstraint", ...ref(table, options), name, type: options.type });
  }

  async createTableComment(table: string, comment: string, options: SchemaOpt & { existingComment?: string | null } = {}): Promise<void> {
    await this.#sink.run({ kind: "createTableComment", ...ref(table, options), comment, existing: options.existingComment ?? null });
  }

  async dropTableComment(table: string, options: SchemaOpt & { existingComment?: string | null } = {}): Promise<void> {
    await this.#sink.run({ kind: "dropTableComment", ...ref(table, options), existing: options.existingComment ?? null });
  }

  async createEnum(name: string, values: readonly string[], options: SchemaOpt = {}): Promise<void> {
    await this.#sink.run({ kind: "createEnum", enum: { schema: options.schema ?? null, name, values: [...values] } });
  }

  async dropEnum(name: string, options: SchemaOpt & { values?: readonly string[] } = {}): Promise<void> {
    await this.#sink.run({ kind: "dropEnum", enum: { schema: options.schema ?? null, name, values: [...(options.values ?? [])] } });
  }

  async addEnumValue(name: string, value: string, options: SchemaOpt & { before?: string; after?: string } = {}): Promise<void> {
    await this.#sink.run({
      kind: "addEnumValue",
      enum: { schema: options.schema ?? null, name, values: [] },
      value,
      before: options.before ?? null,
      after: options.after ?? null,
    });
  }

  /**
   * Rewrite an enum type with these values (removing or reordering some), converting the
   * columns that use it. Fails while a row holds a value that goes away.
   */
  async replaceEnum(name: string, values: readonly string[], options: SchemaOpt & { existingValues?: readonly string[] } = {}): Promise<void> {
    const schema = options.schema ?? null;
    await this.#sink.run({
      kind: "replaceEnum",
      enum: { schema, name, values: [...values] },
      existing: { schema, name, values: [...(options.existingValues ?? [])] },
    });
  }

  async execute(sql: string): Promise<void> {
    await this.#sink.run({ kind: "execute", sql });
  }

  async bulkInsert(table: string, rows: readonly Record<string, unknown>[], options: SchemaOpt = {}): Promise<void> {
    if (rows.length === 0) return;
    await this.#sink.run({ kind: "bulkInsert", ...ref(table, options), rows });
  }

  /**
   * Several alterations of one table as a unit: on SQLite at most one move-and-copy for all of
   * them (recreate: "auto" | "always" | "never"); elsewhere plain ALTERs, one by one.
   */
  async batchAlterTable(table: string, fn: (batch: BatchOperations) => Promise<void> | void, options: BatchAlterOptions = {}): Promise<void> {
    const r = ref(table, options);
    if (typeof fn !== "function") {
      throw new AthanorError("USAGE", `batchAlterTable("${table}") needs a function: op.batchAlterTable("${table}", async (batch) => { … })`, { operation: "batchAlterTable" });
    }
    const recreate = checkRecreate(table, options.recreate);
    const copyFrom = options.copyFrom ? copyFromTable(r, options.copyFrom) : null;
    const ops: Parameters<typeof collectingSink>[3] = [];
    await fn(new BatchOperations(new Operations(collectingSink(this.#sink, r, copyFrom, ops)), r));
    await this.#sink.run({ kind: "batchAlterTable", ...r, ops, recreate, copyFrom });
  }

  /** Run `fn` outside the revision's transaction, for statements that refuse to run inside one. */
  async autocommitBlock(fn: () => Promise<void>): Promise<void> {
    await this.#sink.autocommit(fn);
  }

  async #existingColumn(r: TableRef, name: string): Promise<ColumnSnapshot | null> {
    const t = await this.#sink.reflectTable(r);
    return t?.columns.find((c) => c.name === name) ?? null;
  }
}

const UNKNOWN_COLUMN: ColumnSnapshot = {
  name: "", type: { kind: "raw", sql: "" }, nullable: true, default: null, autoincrement: false, comment: null,
};

function ref(table: string, options: SchemaOpt): TableRef {
  return { schema: options.schema ?? null, table };
}

function emptyTable(schema: string | null, name: string): TableSnapshot {
  return { schema, name, columns: [], primaryKey: null, foreignKeys: [], uniques: [], indexes: [], checks: [], comment: null };
}
