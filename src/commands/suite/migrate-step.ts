/**
 * Migrations run by the suite, with their errors turned into check failures that name the
 * revision at fault and the direction it failed in.
 */
import type { ResolvedConfig } from "../../config/load.js";
import { isAthanorError, messageOf } from "../../errors.js";
import { downgrade, upgrade } from "../migrate.js";
import { CheckFailure, type SuiteContext } from "./types.js";
import { revisionLabel } from "./order.js";

const MAX_SQL = 200;

export async function upgradeTo(ctx: SuiteContext, db: ResolvedConfig, target: string, what = "upgrade"): Promise<void> {
  try {
    await upgrade(db, target, { events: ctx.events });
  } catch (e) {
    throw failure(ctx, e, "up", what);
  }
}

export async function downgradeTo(ctx: SuiteContext, db: ResolvedConfig, target: string, what = "downgrade"): Promise<void> {
  try {
    await downgrade(db, target, { events: ctx.events });
  } catch (e) {
    throw failure(ctx, e, "down", what);
  }
}

/**
 * "upgrade of <rev> "<message>" failed in createTable: <reason> (SQL: …)". The key lets the
 * suite report a revision that cannot run once, in the first check that runs it; `what`
 * other than plain "upgrade"/"downgrade" marks a run whose failure means something else
 * (a second upgrade after a downgrade) and is never folded into an earlier report.
 */
function failure(ctx: SuiteContext, e: unknown, direction: "up" | "down", what: string): CheckFailure {
  const revision = isAthanorError(e) ? e.revision : undefined;
  if (!revision) return new CheckFailure(`${what} failed: ${firstLine(messageOf(e))}`);
  const operation = isAthanorError(e) && e.operation ? ` in ${e.operation}` : "";
  const sql = isAthanorError(e) && e.sql ? ` (SQL: ${shorten(e.sql)})` : "";
  const plain = what === "upgrade" || what === "downgrade";
  return new CheckFailure(
    `${what} of ${revisionLabel(ctx.graph, revision)} failed${operation}: ${reasonOf(e)}${sql}`,
    plain ? `${direction}:${revision}` : null,
  );
}

/** The database's or the revision's own words, without the runner's "revision … failed:" preamble. */
function reasonOf(e: unknown): string {
  const cause = e instanceof Error ? e.cause : undefined;
  if (cause !== undefined) return firstLine(messageOf(cause));
  const text = firstLine(messageOf(e));
  const at = text.indexOf(" failed: ");
  return at >= 0 ? text.slice(at + " failed: ".length) : text;
}

function firstLine(s: string): string {
  return s.split("\n")[0]!.trim();
}

function shorten(sql: string): string {
  const one = sql.replace(/\s+/g, " ").trim();
  return one.length > MAX_SQL ? `${one.slice(0, MAX_SQL - 1)}…` : one;
}
