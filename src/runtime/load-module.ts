import { randomUUID } from "node:crypto";
import { dirname } from "node:path";
import { pathToFileURL } from "node:url";
import { AthanorError, messageOf, type ErrorCode } from "../errors.js";
import { CompiledModules } from "./compiled-modules.js";
import { findUp } from "./find-up.js";

const TS_FILE = /\.[cm]?tsx?$/;

/**
 * Imports user files (config, models, revision scripts). TypeScript is compiled once into a
 * cached bundle that later runs import natively (see CompiledModules); a file the cache cannot
 * serve, and a bundle that fails to load, go through tsx, which is loaded only then and follows
 * the project's tsconfig (paths included), so its errors are the ones users see.
 *
 * By default tsx is registered in a namespace of its own, so that each loader sees fresh
 * modules (a library caller may load edited files again in one process). That has a price:
 * everything a namespaced file imports is loaded again, `import "athanor"` included, which is
 * a second copy of the whole package through the loader thread (a third of `check`'s start-up).
 * With `fresh: false` (the CLI, one command per process) tsx is registered for the process
 * and user files share its module graph.
 */
export class ModuleLoader {
  readonly #fresh: boolean;
  /** Fresh loaders import each bundle under a query of their own, so it is evaluated anew. */
  readonly #instance = randomUUID();
  /** The bundle caches, by the folder of the files they serve. */
  readonly #caches = new Map<string, CompiledModules | null>();
  /** Each file's bundle lookup, by file. */
  readonly #bundles = new Map<string, Promise<string | null>>();
  #tsx: Promise<(specifier: string, parent: string) => Promise<unknown>> | null = null;
  /** Imports started ahead of need by `prefetch`, by file, until `import` asks for them. */
  readonly #ahead = new Map<string, Promise<unknown>>();

  constructor(options: { readonly fresh?: boolean } = {}) {
    this.#fresh = options.fresh ?? true;
  }

  /** `what` names the file in errors ("config", "models", "revision"); `code` is the error it raises. */
  async import(file: string, what: string, code: ErrorCode): Promise<Record<string, unknown>> {
    try {
      const ahead = this.#ahead.get(file);
      this.#ahead.delete(file);
      return (await (ahead ?? this.#load(file))) as Record<string, unknown>;
    } catch (e) {
      throw new AthanorError(code, `${what} file ${file} failed to load: ${firstLine(messageOf(e))}`, { file, cause: e });
    }
  }

  /**
   * Starts importing files that `import` will be asked for soon (the next revisions of a run).
   * Each TypeScript import is a few round trips to tsx's loader thread; started ahead, they
   * overlap the database work of the revision in progress instead of adding to it. A failure
   * is reported by the `import` call that asks for the file, as if nothing had been prefetched.
   */
  prefetch(files: readonly string[]): void {
    for (const file of files) {
      if (this.#ahead.has(file)) continue;
      const loading = this.#load(file);
      loading.catch(() => undefined);
      this.#ahead.set(file, loading);
    }
  }

  async #load(file: string): Promise<unknown> {
    const url = pathToFileURL(file).href;
    if (!TS_FILE.test(file)) return import(url);
    const bundle = await this.compiled(file);
    if (bundle) {
      try {
        return await import(pathToFileURL(bundle).href + (this.#fresh ? `?${this.#instance}` : ""));
      } catch {
        // Loaded through tsx below, whose error (or success) stands.
      }
    }
    const load = await this.#tsxImport(file);
    return load(url, import.meta.url);
  }

  /**
   * The compiled bundle a TypeScript file loads from (see CompiledModules), null when it goes
   * through tsx. Looked up once per file for this loader, however many callers ask.
   */
  compiled(file: string): Promise<string | null> {
    let found = this.#bundles.get(file);
    if (!found) {
      found = this.#cacheFor(dirname(file))?.get(file) ?? Promise.resolve(null);
      this.#bundles.set(file, found);
    }
    return found;
  }

  #cacheFor(dir: string): CompiledModules | null {
    if (!this.#caches.has(dir)) this.#caches.set(dir, CompiledModules.near(dir));
    return this.#caches.get(dir)!;
  }

  #tsxImport(file: string): Promise<(specifier: string, parent: string) => Promise<unknown>> {
    this.#tsx ??= (async () => {
      const [{ register }, cjs] = await Promise.all([import("tsx/esm/api"), import("tsx/cjs/api")]);
      const tsconfig = findUp(dirname(file), "tsconfig.json");
      if (!this.#fresh) {
        cjs.register();
        register(tsconfig ? { tsconfig } : {});
        return (specifier: string) => import(specifier);
      }
      // One namespace for both loaders, so CommonJS projects' require() goes through tsx too.
      const namespace = `athanor-${randomUUID()}`;
      cjs.register({ namespace });
      const api = register({ namespace, ...(tsconfig ? { tsconfig } : {}) });
      return api.import;
    })();
    return this.#tsx;
  }
}

/**
 * The module's default export. A CommonJS module loaded through import has its
 * `module.exports` as `default`, and `exports.default` one level further down.
 */
export function defaultExport(mod: Record<string, unknown>): unknown {
  const d = mod.default;
  if (d && typeof d === "object" && "default" in d && (d as { __esModule?: boolean }).__esModule) return (d as { default: unknown }).default;
  return d;
}

/** A named export, looked for on the module and, for CommonJS, on its `module.exports`. */
export function namedExport(mod: Record<string, unknown>, name: string): unknown {
  if (mod[name] !== undefined) return mod[name];
  const d = mod.default;
  return d && typeof d === "object" ? (d as Record<string, unknown>)[name] : undefined;
}

function firstLine(s: string): string {
  return s.split("\n").find((l) => l.trim() !== "") ?? s;
}
