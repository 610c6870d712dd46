import { AthanorError } from "../errors.js";
import { createLexer } from "./header-lexer.js";
import type { Lexer, Token } from "./header-lexer.js";
import { branchLabelProblem, revisionIdProblem } from "./names.js";

/** What the revision graph needs from a revision file, read without importing it. */
export interface RevisionHeader {
  readonly revision: string;
  /** Parents; empty for a base, two or more for a merge. */
  readonly downRevisions: readonly string[];
  readonly branchLabels: readonly string[];
  /** Revision ids or branch labels this revision needs applied first, without merging with them. */
  readonly dependsOn: readonly string[];
  /** First line of the leading doc comment ("" when there is none). */
  readonly message: string;
  readonly createDate: string | null;
  readonly path: string;
}

const EXPORT_NAMES = ["revision", "downRevision", "branchLabels", "dependsOn"] as const;
type ExportName = (typeof EXPORT_NAMES)[number];

/** A statically readable export value: a string, a list of strings, or null/undefined. */
type LiteralValue = { readonly kind: "string"; readonly value: string } | { readonly kind: "list"; readonly items: readonly string[] } | { readonly kind: "null" };

const HEADER_FIELD = /^(Revision ID|Revises|Create Date):/;

/**
 * Reads a revision file's header statically: the `revision`, `downRevision`,
 * `branchLabels` and `dependsOn` exports (string literals, arrays of them, or null;
 * type annotations, either quote style and trailing commas allowed) and the message and
 * "Create Date:" from the leading doc comment. The file is never imported, so listing
 * thousands of revisions never runs their code.
 */
export function parseRevisionHeader(text: string, path: string): RevisionHeader {
  const exports = readExports(text, path);
  const missing = (["revision", "downRevision"] as const).filter((name) => !exports.has(name));
  if (missing.length > 0) {
    const list = missing.map((name) => `\`export const ${name}\``).join(" and ");
    throw new AthanorError("REVISION_FILE", `revision file ${path} is missing ${list}`, { file: path });
  }
  const revision = requireString(exports.get("revision")!, "revision", path);
  const idProblem = revisionIdProblem(revision);
  if (idProblem) {
    throw new AthanorError("REVISION_FILE", `revision file ${path}: revision id "${revision}" ${idProblem}`, { file: path, revision });
  }
  const downRevisions = toList(exports.get("downRevision")!, "downRevision", path);
  const branchLabels = toList(exports.get("branchLabels") ?? { kind: "null" }, "branchLabels", path);
  for (const label of branchLabels) {
    const problem = branchLabelProblem(label);
    if (problem) throw new AthanorError("REVISION_FILE", `revision file ${path}: branch label "${label}" ${problem}`, { file: path, revision });
  }
  const dependsOn = toList(exports.get("dependsOn") ?? { kind: "null" }, "dependsOn", path);
  const doc = leadingDocComment(text);
  return Object.freeze({
    revision,
    downRevisions: Object.freeze(dedupe(downRevisions)),
    branchLabels: Object.freeze(dedupe(branchLabels)),
    dependsOn: Object.freeze(dedupe(dependsOn)),
    message: doc === null ? "" : messageOf(doc),
    createDate: doc === null ? null : createDateOf(doc),
    path,
  });
}

function readExports(text: string, path: string): Map<ExportName, LiteralValue> {
  const lexer = createLexer(text);
  const found = new Map<ExportName, LiteralValue>();
  let token = lexer.next();
  while (token.kind !== "eof" && found.size < EXPORT_NAMES.length) {
    if (token.kind !== "ident" || token.value !== "export") {
      token = lexer.next();
      continue;
    }
    const keyword = lexer.next();
    if (keyword.kind !== "ident" || !["const", "let", "var"].includes(keyword.value)) {
      token = keyword;
      continue;
    }
    const name = lexer.next();
    if (name.kind === "ident" && (EXPORT_NAMES as readonly string[]).includes(name.value)) {
      const exportName = name.value as ExportName;
      if (found.has(exportName)) {
        throw new AthanorError("REVISION_FILE", `revision file ${path} declares \`${exportName}\` twice`, { file: path });
      }
      found.set(exportName, readDeclarationValue(lexer, exportName, path));
    }
    token = lexer.next();
  }
  return found;
}

/** After `export const <name>`: skips an optional type annotation and reads the literal after `=`. */
function readDeclarationValue(lexer: Lexer, name: ExportName, path: string): LiteralValue {
  let token = lexer.next();
  if (token.kind === "punct" && token.value === ":") {
    let depth = 0;
    for (token = lexer.next(); ; token = lexer.next()) {
      if (token.kind === "eof") break;
      if (token.kind !== "punct") continue;
      if ("([{<".includes(token.value)) depth++;
      else if (")]}>".includes(token.value)) depth--;
      else if (token.value === "=" && depth <= 0) break;
    }
  }
  if (token.kind !== "punct" || token.value !== "=") throw notLiteral(name, path);
  token = lexer.next();
  if (token.kind === "string") return { kind: "string", value: token.value };
  if (token.kind === "ident" && (token.value === "null" || token.value === "undefined")) return { kind: "null" };
  if (token.kind === "punct" && token.value === "[") return { kind: "list", items: readStringList(lexer, name, path) };
  throw notLiteral(name, path);
}

function readStringList(lexer: Lexer, name: ExportName, path: string): string[] {
  const items: string[] = [];
  for (;;) {
    let token: Token = lexer.next();
    if (token.kind === "punct" && token.value === "]") return items;
    if (token.kind !== "string") throw notLiteral(name, path);
    items.push(token.value);
    token = lexer.next();
    if (token.kind === "punct" && token.value === "]") return items;
    if (token.kind !== "punct" || token.value !== ",") throw notLiteral(name, path);
  }
}

function notLiteral(name: ExportName, path: string): AthanorError {
  const expected = name === "revision" ? "a string literal" : "a string literal, an array of string literals, or null";
  return new AthanorError(
    "REVISION_FILE",
    `revision file ${path}: \`${name}\` must be ${expected}, because revision files are read without being run`,
    { file: path },
  );
}

function requireString(value: LiteralValue, name: ExportName, path: string): string {
  if (value.kind !== "string") throw notLiteral(name, path);
  return value.value;
}

function toList(value: LiteralValue, name: ExportName, path: string): string[] {
  const items = value.kind === "null" ? [] : value.kind === "string" ? [value.value] : [...value.items];
  if (items.some((item) => item.trim().length === 0)) {
    throw new AthanorError("REVISION_FILE", `revision file ${path}: \`${name}\` contains an empty string`, { file: path });
  }
  return items;
}

function dedupe(items: readonly string[]): string[] {
  return [...new Set(items)];
}

/** The lines of the first `/** … *\/` comment before any code, with the comment decoration removed. */
function leadingDocComment(text: string): string[] | null {
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (text.startsWith("#!", pos)) {
    const end = text.indexOf("\n", pos);
    if (end === -1) return null;
    pos = end + 1;
  }
  for (;;) {
    while (pos < text.length && /\s/.test(text[pos]!)) pos++;
    if (text.startsWith("//", pos)) {
      const end = text.indexOf("\n", pos);
      if (end === -1) return null;
      pos = end + 1;
    } else if (text.startsWith("/*", pos)) {
      const end = text.indexOf("*/", pos + 2);
      if (end === -1) return null;
      if (text.startsWith("/**", pos) && end > pos + 2) {
        return text
          .slice(pos + 3, end)
          .split(/\r?\n/)
          .map((line) => line.replace(/^\s*\*? ?/, "").trim());
      }
      pos = end + 2;
    } else {
      return null;
    }
  }
}

function messageOf(doc: readonly string[]): string {
  const first = doc.find((line) => line.length > 0);
  return first === undefined || HEADER_FIELD.test(first) ? "" : first;
}

function createDateOf(doc: readonly string[]): string | null {
  for (const line of doc) {
    const m = /^Create Date:\s*(.*)$/.exec(line);
    if (m) return m[1]!.trim() || null;
  }
  return null;
}
