import { execSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { renderOps } from "../autogenerate/render.js";
import { AthanorError, messageOf } from "../errors.js";
import { reverseOps } from "../operations/reverse.js";
import type { Op } from "../operations/types.js";
import { newRevisionId, renderTemplate, slugify, writeFileAtomic } from "../script/index.js";
import { loadGraph, resolveConfigInput, withDatabase, type ConfigInput } from "./context.js";
import { diffModels } from "./model-diff.js";
import { requireAtHeads } from "./status.js";
import { templateDir } from "./templates.js";

export interface RevisionOptions {
  readonly message?: string;
  readonly autogenerate?: boolean;
  /** The parent: "head" (the single head) by default; a revision or label@head for branches. */
  readonly head?: string;
  readonly splice?: boolean;
  readonly branchLabel?: readonly string[];
  readonly dependsOn?: readonly string[];
  readonly revId?: string;
  readonly versionPath?: string;
  /** Rename hints: "table.old=new" or "old=new". */
  readonly rename?: readonly string[];
  /** Fixed clock, for tests. */
  readonly now?: Date;
}

export interface RevisionResult {
  /** null when autogenerate found nothing to do and no file was written. */
  readonly path: string | null;
  readonly revision: string | null;
  readonly ops: readonly Op[];
  readonly warnings: readonly string[];
}

export async function revision(input: ConfigInput, options: RevisionOptions = {}): Promise<RevisionResult> {
  const config = await resolveConfigInput(input);
  const graph = await loadGraph(config);
  const parents = resolveParents(graph, options);
  let upgradeOps: readonly Op[] = [];
  let warnings: readonly string[] = [];
  if (options.autogenerate) {
    const diff = await withDatabase(config, async (db) => {
      await requireAtHeads(db, graph);
      return diffModels(config, db, options.rename ?? []);
    });
    if (diff.ops.length === 0) return { path: null, revision: null, ops: [], warnings: diff.warnings };
    upgradeOps = diff.ops;
    warnings = diff.warnings;
  }
  const downgradeOps = reverseOps(upgradeOps);
  const rev = options.revId ?? newRevisionId();
  if (!/^[A-Za-z0-9_]+$/.test(rev)) throw new AthanorError("USAGE", `--rev-id "${rev}": use letters, digits and underscores only`);
  if (graph.has(rev)) throw new AthanorError("DUPLICATE_REVISION", `revision ${rev} already exists`, { revision: rev });
  const message = (options.message ?? "").split("\n")[0]!.trim();
  const tmplPath = join(config.scriptLocation, "script.ts.tmpl");
  const template = existsSync(tmplPath) ? readFileSync(tmplPath, "utf8") : readFileSync(join(templateDir("generic"), "script.ts.tmpl"), "utf8");
  const lit = (v: unknown) => JSON.stringify(v);
  const text = renderTemplate(template, {
    message: (message || "empty message").replace(/\*\//g, "* /"),
    revision: rev,
    revisionLiteral: lit(rev),
    revises: parents.length === 0 ? "" : parents.join(", "),
    createDate: (options.now ?? new Date()).toISOString().replace(/\.\d{3}Z$/, "Z"),
    downRevision: parents.length === 0 ? "null" : parents.length === 1 ? lit(parents[0]) : lit(parents),
    branchLabels: options.branchLabel?.length ? lit(options.branchLabel) : "null",
    dependsOn: options.dependsOn?.length ? lit(options.dependsOn.flatMap((d) => graph.resolve(d, []))) : "null",
    upgrades: renderOps(upgradeOps),
    downgrades: renderOps(downgradeOps),
  });
  const cleaned = text.replace(/[ \t]+$/gm, "");
  const dir = options.versionPath ? resolve(config.root, options.versionPath) : config.versionLocations[0]!;
  const slug = slugify(message);
  const path = join(dir, `${rev}${slug ? `_${slug}` : ""}.ts`);
  await writeFileAtomic(path, cleaned);
  for (const hook of config.postWriteHooks) {
    try {
      execSync(`${hook} ${JSON.stringify(path)}`, { cwd: config.root, stdio: "pipe" });
    } catch (e) {
      throw new AthanorError("CONFIG", `post-write hook "${hook}" failed on ${path}: ${messageOf(e)}`, { file: path, cause: e });
    }
  }
  return { path, revision: rev, ops: upgradeOps, warnings };
}

function resolveParents(graph: Awaited<ReturnType<typeof loadGraph>>, options: RevisionOptions): string[] {
  const head = options.head ?? "head";
  if (head === "base") return [];
  const heads = graph.heads;
  if (heads.length === 0 && head === "head") return [];
  const parent = graph.resolveOne(head, []);
  if (parent === null) return [];
  if (!options.splice && !heads.includes(parent) && options.head !== undefined) {
    throw new AthanorError("USAGE", `revision ${parent} is not a head; pass --splice to branch from it`, { revision: parent });
  }
  return [parent];
}
