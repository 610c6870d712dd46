import { randomBytes } from "node:crypto";
import { link, lstat, open, rename, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { AthanorError } from "../errors.js";

/** A fresh revision id: 12 lowercase hex digits from a cryptographic random source. */
export function newRevisionId(): string {
  return randomBytes(6).toString("hex");
}

/**
 * The file-name slug of a revision message: lowercase `[a-z0-9_]`, accents folded,
 * at most `maxLength` characters, cut at a word boundary when one is near.
 */
export function slugify(message: string, maxLength = 40): string {
  const slug = message
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
  if (slug.length <= maxLength) return slug;
  const cut = slug.slice(0, maxLength);
  const cutsAWord = slug[maxLength] !== "_";
  const lastBreak = cut.lastIndexOf("_");
  const trimmed = cutsAWord && lastBreak > 0 ? cut.slice(0, lastBreak) : cut;
  return trimmed.replace(/_+$/, "");
}

/**
 * Fills `${name}` placeholders (spaces inside the braces allowed). `$${` writes a literal
 * `${`. A placeholder with no value is an error naming it, so a template and the code
 * filling it cannot drift apart silently.
 */
export function renderTemplate(template: string, vars: Readonly<Record<string, string>>): string {
  return template.replace(/\$(\$)?\{([^}]*)\}/g, (match: string, escape: string | undefined, inner: string) => {
    if (escape !== undefined) return match.slice(1);
    const name = inner.trim();
    if (!Object.prototype.hasOwnProperty.call(vars, name)) {
      const known = Object.keys(vars).sort().join(", ") || "none";
      throw new AthanorError("TEMPLATE", `template placeholder "\${${name}}" has no value (known: ${known})`);
    }
    return vars[name]!;
  });
}

export interface WriteFileOptions {
  /** Replace an existing file instead of refusing (used for caches, never for revisions). */
  readonly overwrite?: boolean;
}

/**
 * Writes `text` to `path` through a temporary file in the same directory and a rename,
 * so readers see the old state or the whole new file, never a part. Without
 * `overwrite`, an existing file is never replaced (REVISION_FILE): the final step is a
 * hard link, which fails atomically when the name is taken.
 */
export async function writeFileAtomic(path: string, text: string, options: WriteFileOptions = {}): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  try {
    const handle = await open(temp, "wx");
    try {
      await handle.writeFile(text, "utf8");
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (options.overwrite) await rename(temp, path);
    else await linkNoClobber(temp, path);
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}

async function linkNoClobber(temp: string, path: string): Promise<void> {
  try {
    await link(temp, path);
    return;
  } catch (e) {
    if (codeOf(e) === "EEXIST") throw alreadyExists(path);
    if (!["EPERM", "ENOTSUP", "EOPNOTSUPP", "ENOSYS", "EXDEV"].includes(codeOf(e) ?? "")) throw e;
  }
  // The file system cannot hard-link: check, then rename (a narrow race, but never a partial file).
  const exists = await lstat(path).then(() => true, (e: unknown) => (codeOf(e) === "ENOENT" ? false : Promise.reject(e)));
  if (exists) throw alreadyExists(path);
  await rename(temp, path);
}

function alreadyExists(path: string): AthanorError {
  return new AthanorError("REVISION_FILE", `refusing to overwrite existing file ${path}`, { file: path });
}

function codeOf(e: unknown): string | undefined {
  return typeof e === "object" && e !== null && "code" in e ? String((e as { code: unknown }).code) : undefined;
}
