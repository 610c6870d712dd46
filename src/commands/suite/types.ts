import type { ResolvedConfig } from "../../config/load.js";
import type { Dialect } from "../../dialects/dialect.js";
import type { RunnerEvents } from "../../runtime/runner.js";
import type { RevisionGraph, RevisionHeader } from "../../script/index.js";
import type { Workspace } from "./workspace.js";

export type CheckStatus = "passed" | "failed" | "skipped";

/** How one check of `athanor test` went. */
export interface CheckReport {
  readonly name: string;
  readonly status: CheckStatus;
  readonly ms: number;
  /** What was verified, or what is wrong (naming the revision at fault), or why it was skipped. */
  readonly message: string;
}

export interface SuiteResult {
  /** True when no check failed. */
  readonly ok: boolean;
  readonly checks: readonly CheckReport[];
}

/** What a check that did not fail says. */
export interface CheckOutcome {
  readonly status: "passed" | "skipped";
  readonly message: string;
}

/**
 * A check found something wrong. `key` names the underlying fault (say, "up:<revision>")
 * when later checks may run into the same one: the first check to meet it fails, the others
 * are reported as skipped, so one broken revision makes one check fail.
 */
export class CheckFailure extends Error {
  readonly key: string | null;

  constructor(message: string, key: string | null = null) {
    super(message);
    this.name = "CheckFailure";
    this.key = key;
  }
}

/** What every check gets: the user's configuration, the revisions, and a scratch database to work on. */
export interface SuiteContext {
  /** The user's configuration; its url is the server scratch databases are made on, never used itself. */
  readonly config: ResolvedConfig;
  readonly dialect: Dialect;
  readonly graph: RevisionGraph;
  /** Every revision, each after its parents and dependencies. */
  readonly order: readonly RevisionHeader[];
  readonly workspace: Workspace;
  readonly events?: RunnerEvents;
}

export interface SuiteCheck {
  readonly name: string;
  readonly description: string;
  /** False for checks that only read the revision files. */
  readonly usesDatabase: boolean;
  /**
   * Checks whose failure leaves nothing for this one to learn (each of them runs the whole
   * chain up first): when one of them failed in the same run, this one is skipped.
   */
  readonly needs?: readonly string[];
  run(ctx: SuiteContext): Promise<CheckOutcome>;
}
