import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";

/**
 * The checksum the audit trail records for a revision file: sha256 (hex) of its text with line
 * endings normalized to \n, so a checkout on Windows (CRLF) does not count as a change.
 */
export function checksumOf(text: string): string {
  return createHash("sha256").update(text.replace(/\r\n?/g, "\n"), "utf8").digest("hex");
}

export async function revisionChecksum(path: string): Promise<string> {
  return checksumOf(await readFile(path, "utf8"));
}
