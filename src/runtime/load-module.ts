import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { AthanorError, messageOf, type ErrorCode } from "../errors.js";

const TS_FILE = /\.[cm]?tsx?$/;

/**
 * Imports user files (config, models, revision scripts). TypeScript goes through tsx, which is
 * loaded only when a .ts file must be read, registered in a namespace of its own so that each
 * loader sees fresh modules and follows the project's tsconfig (paths included).
 */
export class ModuleLoader {
  #tsx: Promise<(specifier: string, parent: string) => Promise<unknown>> | null = null;

  /** `what` names the file in errors ("config", "models", "revision"); `code` is the error it raises. */
  async import(file: string, what: string, code: ErrorCode): Promise<Record<string, unknown>> {
    try {
      const url = pathToFileURL(file).href;
      if (!TS_FILE.test(file)) return (await import(url)) as Record<string, unknown>;
      const load = await this.#tsxImport(file);
      return (await load(url, import.meta.url)) as Record<string, unknown>;
    } catch (e) {
      throw new AthanorError(code, `${what} file ${file} failed to load: ${firstLine(messageOf(e))}`, { file, cause: e });
    }
  }

  #tsxImport(file: string): Promise<(specifier: string, parent: string) => Promise<unknown>> {
    this.#tsx ??= (async () => {
      const { register } = await import("tsx/esm/api");
      const tsconfig = findUp(dirname(file), "tsconfig.json");
      const api = register({ namespace: `athanor-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`, ...(tsconfig ? { tsconfig } : {}) });
      return api.import;
    })();
    return this.#tsx;
  }
}

function firstLine(s: string): string {
  return s.split("\n").find((l) => l.trim() !== "") ?? s;
}

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
