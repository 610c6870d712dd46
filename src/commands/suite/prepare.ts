/**
 * Getting the scratch database into the state a check starts from, as cheaply as it can be
 * trusted: making a database costs about a second on PostgreSQL, so one left at the heads by
 * the previous check is reused, and emptied by a downgrade when that leaves nothing behind.
 */
import type { ResolvedConfig } from "../../config/load.js";
import { downgrade } from "../migrate.js";
import { contents, takeInventory } from "./inventory.js";
import { upgradeTo } from "./migrate-step.js";
import type { SuiteContext } from "./types.js";

/** An empty database (no revision applied, nothing left behind). */
export async function emptyDatabase(ctx: SuiteContext): Promise<ResolvedConfig> {
  const db = ctx.workspace.reuseAtHeads();
  if (db !== null) {
    try {
      await downgrade(db, "base");
      if (contents(await takeInventory(db, ctx.dialect)).length === 0) return db;
    } catch {
      // A downgrade that fails is for the checks to report; here it only means a fresh database.
    }
  }
  return ctx.workspace.empty();
}

/** A database with every revision applied: the last check's, or an empty one upgraded. */
export async function databaseAtHeads(ctx: SuiteContext): Promise<ResolvedConfig> {
  const reused = ctx.workspace.reuseAtHeads();
  if (reused !== null) return reused;
  const db = await ctx.workspace.empty();
  await upgradeTo(ctx, db, "heads");
  return db;
}
