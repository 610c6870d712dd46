import type { Connection, Dialect } from "../dialects/dialect.js";
import { AthanorError, isAthanorError, messageOf } from "../errors.js";
import { Operations, type OpSink } from "../operations/operations.js";
import type { Op, TableRef } from "../operations/types.js";
import type { TableSnapshot } from "../snapshot/types.js";
import { namedExport, type ModuleLoader } from "./load-module.js";
import type { VersionTable } from "./version-table.js";

export interface RevisionRef {
  readonly revision: string;
  readonly message: string;
  readonly path: string;
}

export interface MigrationStep {
  readonly revision: RevisionRef;
  readonly direction: "up" | "down";
  /** Version rows before and after this step. */
  readonly rowsBefore: readonly string[];
  readonly rowsAfter: readonly string[];
}

/** Where statements go: executed on a connection, or written out as a script. */
export interface StatementTarget {
  readonly offline: boolean;
  run(sql: string): Promise<void>;
  reflectTable(ref: TableRef): Promise<TableSnapshot | null>;
}

export interface RunnerEvents {
  onStepStart?(step: MigrationStep): void;
  onStepDone?(step: MigrationStep, ms: number): void;
  onStatement?(sql: string): void;
}

export interface RunOptions {
  readonly dialect: Dialect;
  readonly target: StatementTarget;
  readonly versionTable: VersionTable;
  readonly loader: ModuleLoader;
  readonly transactionPerMigration: boolean;
  readonly events?: RunnerEvents;
}

/** An online target: statements run on the connection. */
export function connectionTarget(conn: Connection, dialect: Dialect, excludeTable: (schema: string | null, name: string) => boolean): StatementTarget {
  return {
    offline: false,
    run: (sql) => conn.execute(sql),
    async reflectTable(ref) {
      const snap = await dialect.introspect(conn, {
        schemas: [ref.schema],
        excludeTable: (schema, name) => name !== ref.table || excludeTable(schema, name),
      });
      return snap.tables.find((t) => t.name === ref.table) ?? null;
    },
  };
}

/** Runs migration steps: each revision's ops and its version-table update, in a transaction where the dialect allows. */
export async function runSteps(steps: readonly MigrationStep[], o: RunOptions): Promise<void> {
  const transactional = o.dialect.transactionalDdl;
  const exec = async (sql: string) => {
    o.events?.onStatement?.(sql);
    await o.target.run(sql);
  };
  const wholeRun = transactional && !o.transactionPerMigration && steps.length > 0;
  if (wholeRun) await exec(o.dialect.begin);
  try {
    for (const step of steps) {
      const started = Date.now();
      o.events?.onStepStart?.(step);
      const perStep = transactional && o.transactionPerMigration;
      if (perStep) await exec(o.dialect.begin);
      try {
        await runOne(step, o, exec);
        for (const sql of o.versionTable.transition(step.rowsBefore, step.rowsAfter)) await exec(sql);
        if (perStep) await exec(o.dialect.commit);
      } catch (e) {
        if (perStep) await rollbackQuietly(o, exec);
        throw e;
      }
      o.events?.onStepDone?.(step, Date.now() - started);
    }
    if (wholeRun) await exec(o.dialect.commit);
  } catch (e) {
    if (wholeRun) await rollbackQuietly(o, exec);
    throw e;
  }
}

async function rollbackQuietly(o: RunOptions, exec: (sql: string) => Promise<void>): Promise<void> {
  if (o.target.offline) return;
  try {
    await exec(o.dialect.rollback);
  } catch {
    // the connection may be gone; the original error is the one worth reporting
  }
}

async function runOne(step: MigrationStep, o: RunOptions, exec: (sql: string) => Promise<void>): Promise<void> {
  const rev = step.revision;
  const mod = await o.loader.import(rev.path, "revision", "REVISION_FILE");
  const fnName = step.direction === "up" ? "upgrade" : "downgrade";
  const fn = namedExport(mod, fnName);
  if (typeof fn !== "function") {
    throw new AthanorError("REVISION_FILE", `revision ${rev.revision} (${rev.path}) does not export an async function ${fnName}(op)`, { file: rev.path, revision: rev.revision });
  }
  let current: Op | null = null;
  let currentSql: string | null = null;
  const sink: OpSink = {
    dialectName: o.dialect.name,
    reflectTable: (ref) => o.target.reflectTable(ref),
    async run(op) {
      current = op;
      const statements = await o.dialect.compile(op, { offline: o.target.offline, reflectTable: (r) => o.target.reflectTable(r) });
      for (const sql of statements) {
        currentSql = sql;
        await exec(sql);
      }
      currentSql = null;
    },
    async autocommit(fn) {
      const inTx = o.dialect.transactionalDdl;
      if (inTx) await exec(o.dialect.commit);
      await fn();
      if (inTx) await exec(o.dialect.begin);
    },
  };
  try {
    await (fn as (op: Operations) => Promise<void>)(new Operations(sink));
  } catch (e) {
    const opName = (current as Op | null)?.kind;
    const where = `revision ${rev.revision} "${rev.message}" (${rev.path}), ${fnName}${opName ? `, operation ${opName}` : ""}`;
    const sqlPart = currentSql ? `\n  SQL: ${currentSql}` : "";
    const reason = isAthanorError(e) && e.sql ? e.message.split("\n")[0] : messageOf(e);
    throw new AthanorError("MIGRATION", `${where} failed: ${reason}${sqlPart}`, {
      file: rev.path, revision: rev.revision, operation: opName, sql: currentSql ?? undefined, cause: e,
    });
  }
}
