/**
 * The suite's scratch database: made on the configured server (SQLite: a temp file), handed to
 * checks empty or at the heads, replaced when a check left it in an unknown state, and dropped
 * at the end. The user's own database is never connected to.
 */
import type { ResolvedConfig } from "../../config/load.js";
import { redactUrl, scrubPassword } from "../../config/url.js";
import type { DatabaseUrl, Dialect, ScratchDatabase } from "../../dialects/dialect.js";
import { AthanorError, messageOf } from "../../errors.js";

/** What the scratch database is known to hold: nothing, every revision, or who knows. */
type State = "empty" | "heads" | "unknown";

export const SCRATCH_PREFIX = "athanor_test";

export class Workspace {
  readonly #config: ResolvedConfig;
  readonly #dialect: Dialect;
  readonly #server: DatabaseUrl;
  #scratch: ScratchDatabase | null = null;
  #state: State = "unknown";

  constructor(config: ResolvedConfig, dialect: Dialect, server: DatabaseUrl) {
    this.#config = config;
    this.#dialect = dialect;
    this.#server = server;
  }

  /** A configuration pointing at an empty scratch database, which the caller may change at will. */
  async empty(): Promise<ResolvedConfig> {
    if (this.#scratch === null || this.#state !== "empty") await this.#replace();
    this.#state = "unknown";
    return this.#current();
  }

  /** The scratch database as the last check left it, if it is known to be at the heads. */
  reuseAtHeads(): ResolvedConfig | null {
    if (this.#scratch === null || this.#state !== "heads") return null;
    this.#state = "unknown";
    return this.#current();
  }

  /** A check says what it left behind: nothing, or every revision applied. */
  settle(state: "empty" | "heads"): void {
    this.#state = state;
  }

  /** Make the first scratch database now, so that a server refusing it stops the run with one clear error. */
  async open(): Promise<void> {
    if (this.#scratch === null) await this.#replace();
    this.#state = "empty";
  }

  async close(): Promise<void> {
    const s = this.#scratch;
    this.#scratch = null;
    await s?.drop();
  }

  #current(): ResolvedConfig {
    return { ...this.#config, url: this.#scratch!.url };
  }

  async #replace(): Promise<void> {
    await this.close();
    try {
      this.#scratch = await this.#dialect.createScratchDatabase(this.#server, SCRATCH_PREFIX);
    } catch (e) {
      throw new AthanorError(
        "DATABASE",
        `athanor test could not create a scratch database on ${redactUrl(this.#server)}: ${scrubPassword(messageOf(e), this.#server)}. ` +
          `It needs a user allowed to create databases there (it never uses the configured database itself)`,
        { cause: e },
      );
    }
    this.#state = "empty";
  }
}
