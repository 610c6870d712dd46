import { existsSync } from "node:fs";
import { dirname, join } from "node:path";

/** The nearest `name` in `start` or a folder above it. */
export function findUp(start: string, name: string): string | null {
  let dir = start;
  for (;;) {
    const candidate = join(dir, name);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}
