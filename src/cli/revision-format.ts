import { relative } from "node:path";
import type { RevisionInfo } from "../commands/revision-info.js";

/** What a one-line revision shows, as Alembic's `cmd_format` chooses per command. */
export interface LineParts {
  /** "parents -> rev" (history). */
  readonly parents?: boolean;
  /** "(label, …)". */
  readonly branches?: boolean;
  /** "(branchpoint)", "(mergepoint)". */
  readonly tree?: boolean;
  /** ", message". */
  readonly message?: boolean;
}

/** One line: `[parents -> ]rev[ (labels)] (head|effective head)[ (current)][ (branchpoint)][ (mergepoint)][, message]`. */
export function revisionLine(r: RevisionInfo, parts: LineParts, bold: (s: string) => string = (s) => s): string {
  let text = bold(r.revision);
  if (parts.parents) {
    const down = r.downRevisions.join(", ") || "<base>";
    text = `${down}${r.dependsOn.length > 0 ? ` (${r.dependsOn.join(", ")})` : ""} -> ${text}`;
  }
  if (parts.branches && r.branches.length > 0) text += ` (${r.branches.join(", ")})`;
  text += markers(r, parts.tree ?? false);
  if (parts.message) text += `, ${r.message || "(no message)"}`;
  return text;
}

/** The multi-line form of `-v` and `show`: every header field and where the revision sits. */
export function revisionLog(r: RevisionInfo, cwd: string = process.cwd()): string {
  const lines = [`Rev: ${r.revision}${markers(r, true)}`];
  lines.push(r.isMergePoint ? `Merges: ${r.downRevisions.join(", ")}` : `Parent: ${r.downRevisions.join(", ") || "<base>"}`);
  if (r.dependsOn.length > 0) lines.push(`Also depends on: ${r.dependsOn.join(", ")}`);
  if (r.isBranchPoint) lines.push(`Branches into: ${r.children.join(", ")}`);
  if (r.branches.length > 0) lines.push(`Branch names: ${r.branches.join(", ")}`);
  lines.push(`Path: ${relative(cwd, r.path) || r.path}`);
  if (r.createDate) lines.push(`Create Date: ${r.createDate}`);
  lines.push("", `    ${r.message || "(no message)"}`, "");
  return lines.join("\n");
}

function markers(r: RevisionInfo, tree: boolean): string {
  return [
    r.isHead && !r.isEffectiveHead ? " (head)" : "",
    r.isEffectiveHead ? " (effective head)" : "",
    r.isCurrent ? " (current)" : "",
    tree && r.isBranchPoint ? " (branchpoint)" : "",
    tree && r.isMergePoint ? " (mergepoint)" : "",
  ].join("");
}
