import { execSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { renderOps } from "../autogenerate/render.js";
import type { ResolvedConfig } from "../config/load.js";
import { AthanorError, isAthanorError, messageOf } from "../errors.js";
import type { Op } from "../operations/types.js";
import {
  branchLabelProblem, newRevisionId, parseRevisionHeader, renderTemplate, revisionIdProblem, slugify, writeFileAtomic,
  type RevisionGraph,
} from "../script/index.js";
import { namesCurrent } from "./status.js";
import { templateDir } from "./templates.js";

/** Where a new revision goes in the graph, as `revision` and `merge` take it from the user. */
export interface RevisionPlacement {
  /** The parents: an identifier or several (default "head"); "base" starts a new root. */
  readonly head?: string | readonly string[];
  /** Allow parents that are not heads (a new branch from the middle of a line). */
  readonly splice?: boolean;
  readonly branchLabel?: readonly string[];
  /** Revisions (any identifier naming one) or branch labels the new revision needs applied first. */
  readonly dependsOn?: readonly string[];
  readonly revId?: string;
  /** One of the version locations (relative to the config's folder or the working directory). */
  readonly versionPath?: string;
}

/** A new revision's header fields, checked against the graph before anything is written. */
export interface PlannedRevision {
  readonly revision: string;
  readonly parents: readonly string[];
  readonly branchLabels: readonly string[];
  readonly dependsOn: readonly string[];
  readonly dir: string;
}

/**
 * Checks everything Alembic checks before writing a revision (the id, the parents are heads
 * unless spliced, labels unused, dependencies exist, the folder is a version location), so a
 * bad option fails before any database work and before any file exists.
 */
export function planRevision(config: ResolvedConfig, graph: RevisionGraph, p: RevisionPlacement): PlannedRevision {
  const revision = checkRevisionId(graph, p.revId ?? newRevisionId());
  const parents = resolveParents(graph, p.head, p.splice ?? false);
  const branchLabels = checkBranchLabels(graph, revision, p.branchLabel ?? []);
  const dependsOn = resolveDependsOn(graph, p.dependsOn ?? []);
  return { revision, parents, branchLabels, dependsOn, dir: versionDir(config, graph, parents, p.versionPath) };
}

export interface RevisionBody {
  readonly message: string;
  readonly upgradeOps: readonly Op[];
  readonly downgradeOps: readonly Op[];
  /** Fixed clock, for tests. */
  readonly now?: Date;
}

/**
 * Renders the project's script.ts.tmpl (or the generic one), reads the header back to make
 * sure the template kept every field, writes the file atomically, and runs the post-write hooks.
 */
export async function writeRevisionFile(config: ResolvedConfig, planned: PlannedRevision, body: RevisionBody): Promise<string> {
  const { revision, parents, branchLabels, dependsOn } = planned;
  const message = body.message.split("\n")[0]!.trim();
  const projectTemplate = join(config.scriptLocation, "script.ts.tmpl");
  const templatePath = existsSync(projectTemplate) ? projectTemplate : join(templateDir("generic"), "script.ts.tmpl");
  const lit = (v: unknown) => JSON.stringify(v);
  const text = renderTemplate(readFileSync(templatePath, "utf8"), {
    message: (message || "empty message").replace(/\*\//g, "* /"),
    revision,
    revisionLiteral: lit(revision),
    revises: parents.join(", "),
    createDate: (body.now ?? new Date()).toISOString().replace(/\.\d{3}Z$/, "Z"),
    downRevision: parents.length === 0 ? "null" : parents.length === 1 ? lit(parents[0]) : lit(parents),
    branchLabels: branchLabels.length > 0 ? lit(branchLabels) : "null",
    dependsOn: dependsOn.length > 0 ? lit(dependsOn) : "null",
    upgrades: renderOps(body.upgradeOps),
    downgrades: renderOps(body.downgradeOps),
  }).replace(/[ \t]+$/gm, "");
  const slug = slugify(message);
  const path = join(planned.dir, `${revision}${slug ? `_${slug}` : ""}.ts`);
  checkRendered(text, path, templatePath, planned);
  await writeFileAtomic(path, text);
  for (const hook of config.postWriteHooks) {
    try {
      execSync(`${hook} ${JSON.stringify(path)}`, { cwd: config.root, stdio: "pipe" });
    } catch (e) {
      throw new AthanorError("CONFIG", `post-write hook "${hook}" failed on ${path}: ${messageOf(e)}`, { file: path, cause: e });
    }
  }
  return path;
}

function checkRevisionId(graph: RevisionGraph, id: string): string {
  const problem = revisionIdProblem(id);
  if (problem) throw new AthanorError("USAGE", `--rev-id "${id}" ${problem}`);
  // The id is also the start of the file name.
  if (!/^[A-Za-z0-9_]+$/.test(id)) throw new AthanorError("USAGE", `--rev-id "${id}": use letters, digits and underscores only`);
  if (graph.has(id)) {
    throw new AthanorError("DUPLICATE_REVISION", `revision ${id} already exists (${graph.get(id).path})`, { revision: id, file: graph.get(id).path });
  }
  if (graph.labelOwner(id) !== null) {
    throw new AthanorError("DUPLICATE_REVISION", `--rev-id "${id}" is already a branch label of revision ${graph.labelOwner(id)}`, { revision: id });
  }
  return id;
}

function resolveParents(graph: RevisionGraph, head: string | readonly string[] | undefined, splice: boolean): string[] {
  const identifiers = head === undefined ? ["head"] : typeof head === "string" ? [head] : head;
  const parents: string[] = [];
  for (const identifier of identifiers) {
    if (namesCurrent(identifier)) {
      throw new AthanorError("USAGE", `"${identifier}" counts from the database's current revision; name the parent revision itself (an id, "head" or "<label>@head")`);
    }
    let ids: string[];
    try {
      ids = graph.resolve(identifier, []);
    } catch (e) {
      if (head === undefined && isAthanorError(e) && e.code === "MULTIPLE_HEADS") {
        throw new AthanorError(
          "MULTIPLE_HEADS",
          `there are ${graph.heads.length} heads (${graph.heads.join(", ")}); choose the parent with --head <revision> or ` +
            `--head <label>@head, or join them first with "athanor merge heads"`,
          { cause: e },
        );
      }
      throw e;
    }
    for (const id of ids) if (!parents.includes(id)) parents.push(id);
  }
  if (!splice) {
    for (const parent of parents) {
      if (graph.children(parent).length > 0) {
        throw new AthanorError(
          "USAGE",
          `revision ${parent} is not a head (${graph.children(parent).join(", ")} already revise${graph.children(parent).length === 1 ? "s" : ""} it); ` +
            `pass --splice to start a new branch from it`,
          { revision: parent },
        );
      }
    }
  }
  return parents;
}

function checkBranchLabels(graph: RevisionGraph, revision: string, labels: readonly string[]): string[] {
  const out: string[] = [];
  for (const label of labels) {
    const problem = branchLabelProblem(label);
    if (problem) throw new AthanorError("USAGE", `branch label "${label}" ${problem}`);
    const owner = graph.labelOwner(label);
    if (owner !== null) {
      throw new AthanorError("DUPLICATE_REVISION", `branch label "${label}" is already used by revision ${owner} (${graph.get(owner).path})`, { revision: owner });
    }
    if (graph.has(label) || label === revision) {
      throw new AthanorError("DUPLICATE_REVISION", `branch label "${label}" is also a revision id; choose another label`, { revision: label });
    }
    if (!out.includes(label)) out.push(label);
  }
  return out;
}

/** As Alembic: a branch label stays a label (it follows the branch); any other identifier becomes the full id. */
function resolveDependsOn(graph: RevisionGraph, dependsOn: readonly string[]): string[] {
  const out: string[] = [];
  for (const identifier of dependsOn) {
    const text = identifier.trim();
    if (namesCurrent(text)) {
      throw new AthanorError("USAGE", `--depends-on "${text}" counts from the database's current revision; name the revision itself`);
    }
    const resolved = graph.labelOwner(text) !== null ? text : graph.resolveOne(text, []);
    if (resolved === null) throw new AthanorError("USAGE", `--depends-on "${text}" names no revision`);
    if (!out.includes(resolved)) out.push(resolved);
  }
  return out;
}

function versionDir(config: ResolvedConfig, graph: RevisionGraph, parents: readonly string[], versionPath: string | undefined): string {
  const locations = config.versionLocations.map((l) => resolve(l));
  if (versionPath !== undefined) {
    // The config's folder first (where versionLocations are written relative to), then the working directory.
    const match = [resolve(config.root, versionPath), resolve(versionPath)].find((dir) => locations.includes(dir));
    if (match === undefined) {
      throw new AthanorError(
        "USAGE",
        `--version-path ${versionPath} is not one of the version locations (${locations.join(", ")}); add it to versionLocations in ${config.configFile}`,
        { file: config.configFile },
      );
    }
    return match;
  }
  if (locations.length === 1) return locations[0]!;
  // As Alembic: a revision goes beside its parent.
  const beside = parents.length > 0 ? dirname(graph.get(parents[0]!).path) : null;
  if (beside !== null && locations.includes(beside)) return beside;
  throw new AthanorError("USAGE", `there are several version locations (${locations.join(", ")}); choose one with --version-path`);
}

/** The written header must say what was asked: a template missing a field would otherwise drop it silently. */
function checkRendered(text: string, path: string, templatePath: string, planned: PlannedRevision): void {
  let header;
  try {
    header = parseRevisionHeader(text, path);
  } catch (e) {
    throw new AthanorError("TEMPLATE", `template ${templatePath} renders a revision whose header cannot be read: ${messageOf(e)}`, { file: templatePath, cause: e });
  }
  const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
  const wrong = [
    header.revision !== planned.revision ? "revision" : null,
    !same(header.downRevisions, planned.parents) ? "downRevision" : null,
    !same(header.branchLabels, planned.branchLabels) ? "branchLabels" : null,
    !same(header.dependsOn, planned.dependsOn) ? "dependsOn" : null,
  ].filter((x) => x !== null);
  if (wrong.length > 0) {
    throw new AthanorError(
      "TEMPLATE",
      `template ${templatePath} does not write ${wrong.join(", ")} as asked; add \`export const ${wrong[0]} = \${${placeholderOf(wrong[0]!)}}\` to it`,
      { file: templatePath },
    );
  }
}

function placeholderOf(field: string): string {
  return field === "revision" ? "revisionLiteral" : field;
}
