/**
 * What one step has done so far, for the message when it fails: every statement it ran, and
 * how many of them are already committed (all of them where DDL commits as it runs; those up
 * to the end of an autocommit block elsewhere).
 */
export class StepProgress {
  readonly statements: string[] = [];
  /** Each statement commits as it runs: no transactional DDL, or inside an autocommit block. */
  autocommits: boolean;
  #durable = 0;

  constructor(autocommits: boolean) {
    this.autocommits = autocommits;
  }

  ran(sql: string): void {
    this.statements.push(sql);
    if (this.autocommits) this.#durable = this.statements.length;
  }

  /** Everything run so far is committed (an autocommit block began). */
  committed(): void {
    this.#durable = this.statements.length;
  }

  /** The statements that stay applied if the step fails now. */
  get durable(): readonly string[] {
    return this.statements.slice(0, this.#durable);
  }
}

const rowsText = (rows: readonly string[]): string => rows.join(", ") || "<base>";

/**
 * The part of a failure message that says where the database now stands and how to recover.
 * `durableRows` are the version rows known to be committed.
 */
export function recoveryAdvice(
  progress: StepProgress, durableRows: readonly string[], command: string, transactional: boolean, connectionLost = false,
): string {
  const done = progress.durable;
  const lost = connectionLost ? "The connection to the database was lost (the server ended the session, or the network failed). " : "";
  const fix = connectionLost ? "Once the database is reachable, run" : "Fix the revision and run";
  if (done.length === 0) {
    return lost + (transactional
      ? `Rolled back: the database stays at ${rowsText(durableRows)}. ${fix} "${command}" again.`
      : `None of its statements had run: the database stays at ${rowsText(durableRows)}. ${fix} "${command}" again.`);
  }
  const why = transactional ? "an autocommit block committed them" : "this database commits DDL as it runs";
  return lost + [
    `The revision stopped half-applied (${why}). Already applied from it (${done.length} statement${done.length === 1 ? "" : "s"}):`,
    ...done.map((sql) => `    ${sql.replace(/\n/g, "\n      ")};`),
    `The version table still records ${rowsText(durableRows)}.`,
    `To recover: undo the statements above by hand (or make the revision skip them), fix the revision, then run "${command}" again.`,
  ].join("\n  ");
}
