import type { Dialect } from "../dialects/dialect.js";
import { AthanorError, isAthanorError, messageOf } from "../errors.js";
import { expandBatch } from "../operations/batch.js";
import { Operations, type OpSink } from "../operations/operations.js";
import type { Op } from "../operations/types.js";
import { namedExport, type ModuleLoader } from "./load-module.js";
import type { MigrationStep, StatementTarget } from "./runner.js";
import type { StepProgress } from "./step-progress.js";

export interface RevisionRun {
  readonly dialect: Dialect;
  readonly target: StatementTarget;
  readonly loader: ModuleLoader;
  /** Runs one statement. */
  exec(sql: string): Promise<void>;
  /** The statements of this step so far, and which are committed. */
  readonly progress: StepProgress;
  /** An autocommit block committed everything before it, earlier steps of the run included. */
  onCommitted(): void;
}

/** Imports a revision file and runs its upgrade or downgrade; a failure names the revision, op and SQL. */
export async function runRevision(step: MigrationStep, r: RevisionRun): Promise<void> {
  const rev = step.revision;
  const mod = await r.loader.import(rev.path, "revision", "REVISION_FILE");
  const fnName = step.direction === "up" ? "upgrade" : "downgrade";
  const fn = namedExport(mod, fnName);
  if (typeof fn !== "function") {
    throw new AthanorError("REVISION_FILE", `revision ${rev.revision} (${rev.path}) does not export an async function ${fnName}(op)`, { file: rev.path, revision: rev.revision });
  }
  let current: Op | null = null;
  let currentSql: string | null = null;
  const inTransaction = r.dialect.transactionalDdl;
  const sink: OpSink = {
    dialectName: r.dialect.name,
    reflectTable: (ref) => r.target.reflectTable(ref),
    async run(op) {
      // Without batch support a batch is its ops one by one, each compiled against the table
      // as the previous ones left it.
      for (const one of r.dialect.prefersBatch ? [op] : expandBatch(op)) {
        current = one;
        const statements = await r.dialect.compile(one, {
          offline: r.target.offline,
          reflectTable: (ref) => r.target.reflectTable(ref),
          ...(r.target.query ? { query: r.target.query.bind(r.target) } : {}),
        });
        for (const sql of statements) {
          currentSql = sql;
          await r.exec(sql);
          r.progress.ran(sql);
        }
        currentSql = null;
      }
    },
    async autocommit(block) {
      if (inTransaction) await r.exec(r.dialect.commit);
      r.progress.committed();
      r.onCommitted();
      const outer = r.progress.autocommits;
      r.progress.autocommits = true;
      try {
        await block();
      } finally {
        r.progress.autocommits = outer;
      }
      if (inTransaction) await r.exec(r.dialect.begin);
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
