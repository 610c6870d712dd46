import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";

/**
 * The checksum the audit trail records for a revision file: sha256 (hex) of its text with line
 * endings normalized to \n, so a checkout on Windows (CRLF) does not count as a change.
 */
export function checksumOf(text: string): string {
  return createHash("sha256").update(text.replace(/\r\n?/g, "\n"), "utf8").digest("hex");
}

/**
 * Read synchronously: a revision file is small, and an async read is four thread-pool round
 * trips (open, stat, read, close), which a chain of a thousand revisions pays a thousand times.
 */
export async function revisionChecksum(path: string): Promise<string> {
  return checksumOf(readFileSync(path, "utf8"));
}
