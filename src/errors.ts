/**
 * Typed errors with stable codes. Library code throws these and never prints or exits;
 * the CLI maps `exitCode` to the process exit status.
 */
export type ErrorCode =
  | "USAGE"
  | "CONFIG"
  | "MODELS"
  | "URL"
  | "CONNECTION"
  | "DATABASE"
  | "MIGRATION"
  | "REVISION_NOT_FOUND"
  | "REVISION_AMBIGUOUS"
  | "REVISION_FILE"
  | "MULTIPLE_HEADS"
  | "CYCLE"
  | "DUPLICATE_REVISION"
  | "TEMPLATE"
  | "CHECK_FAILED"
  | "NOT_AT_HEAD"
  | "LOCK_TIMEOUT"
  | "INTERRUPTED";

const EXIT_CODES: Record<ErrorCode, number> = {
  USAGE: 2,
  CONFIG: 2,
  MODELS: 2,
  URL: 2,
  TEMPLATE: 2,
  REVISION_NOT_FOUND: 2,
  REVISION_AMBIGUOUS: 2,
  REVISION_FILE: 2,
  MULTIPLE_HEADS: 2,
  CYCLE: 2,
  DUPLICATE_REVISION: 2,
  CONNECTION: 3,
  DATABASE: 3,
  MIGRATION: 3,
  CHECK_FAILED: 1,
  NOT_AT_HEAD: 1,
  LOCK_TIMEOUT: 3,
  // The shells' convention for a run stopped by Ctrl-C (128 + SIGINT).
  INTERRUPTED: 130,
};

export interface AthanorErrorDetails {
  readonly file?: string;
  readonly revision?: string;
  readonly operation?: string;
  readonly sql?: string;
  readonly cause?: unknown;
}

export class AthanorError extends Error {
  readonly code: ErrorCode;
  readonly file?: string;
  readonly revision?: string;
  readonly operation?: string;
  readonly sql?: string;

  constructor(code: ErrorCode, message: string, details: AthanorErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = "AthanorError";
    this.code = code;
    this.file = details.file;
    this.revision = details.revision;
    this.operation = details.operation;
    this.sql = details.sql;
  }

  get exitCode(): number {
    return EXIT_CODES[this.code];
  }
}

export function isAthanorError(e: unknown): e is AthanorError {
  return e instanceof Error && (e as { name?: string }).name === "AthanorError" && "code" in e;
}

/** The message of any thrown value, without a stack. */
export function messageOf(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}
