// The public API: the models DSL, the config helper, the commands as library functions,
// and the types revision files use.
export * from "./schema/index.js";
export { defineConfig, type AthanorConfig, type IncludeNameInfo, type IncludeObjectInfo } from "./config/types.js";
export type { RenameCandidate, RenameResolver } from "./autogenerate/renames.js";
export { loadConfig, type ResolvedConfig, type LoadConfigOptions } from "./config/load.js";
export { Operations, type CreateTableOptions, type AlterColumnOptions, type ForeignKeyOptions } from "./operations/operations.js";
export type { ColumnSpec, TypeSpec, ForeignKeySpec, IndexSpec } from "./operations/spec.js";
export type { BatchOperations, BatchAlterOptions, CopyFromSpec } from "./operations/batch.js";
export type { Op } from "./operations/types.js";
export type * from "./snapshot/types.js";
export { AthanorError, type ErrorCode } from "./errors.js";
export { init, type InitOptions, type InitResult } from "./commands/init.js";
export { revision, type RevisionOptions, type RevisionResult } from "./commands/revision.js";
export { upgrade, downgrade, stamp, type MigrateOptions, type MigrateResult, type StampOptions } from "./commands/migrate.js";
export { bookkeepingTables } from "./config/load.js";
export { verifyChecksums, type AuditFindings, type ChangedRevision, type UnknownRevision } from "./runtime/audit.js";
export {
  current, heads, history, type RevisionInfo, type CurrentOptions, type CurrentResult, type HeadsOptions, type HistoryOptions,
} from "./commands/status.js";
export { show } from "./commands/show.js";
export { branches, type BranchPoint } from "./commands/branches.js";
export { merge, type MergeOptions, type MergeResult } from "./commands/merge.js";
// `check` is the models DSL's CHECK constraint builder; the command is exported as `checkCommand`.
export { check as checkCommand, type CheckResult } from "./commands/check.js";
export { runSuite, SUITE_CHECK_NAMES, type SuiteOptions, type SuiteResult, type CheckReport, type CheckStatus } from "./commands/suite/index.js";
export { listTemplates } from "./commands/templates.js";
export { pull, type PullOptions, type PullResult } from "./commands/pull.js";
