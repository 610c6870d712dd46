import { createHash, randomBytes } from "node:crypto";
import { builtinModules } from "node:module";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname, extname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { Loader, Plugin } from "esbuild";
import { findUp } from "./find-up.js";

/** Bumped whenever what is written here changes shape, so older entries are never read. */
const FORMAT = 1;

/**
 * What a bundle cannot reproduce: each file's own location (the bundle lives elsewhere), and
 * CommonJS `require` of the user's own files. A file using any of them goes through tsx.
 */
const NEEDS_OWN_LOCATION = /\bimport\.meta\b|\b__dirname\b|\b__filename\b|\brequire\s*[.(]/;

/**
 * An import or re-export of values, static or dynamic. A file without one needs no bundling;
 * a false alarm only costs a build. (`import type` and `export type` are erased.)
 */
const IMPORTS_VALUES = /^\s*import\s+(?!type\s)|^\s*export\s+(?!type\s)[^;]*?\bfrom\s*["'`]|\bimport\s*\(/m;

const LOADERS: Readonly<Record<string, Loader>> = {
  ".ts": "ts", ".mts": "ts", ".cts": "ts", ".tsx": "tsx",
  ".js": "js", ".mjs": "js", ".cjs": "js", ".jsx": "jsx", ".json": "json",
};

const BUILTINS = new Set(builtinModules);

/** The first line of each bundle: a comment holding its manifest. */
const HEADER = "// athanor compiled module ";

interface Manifest {
  readonly format: number;
  /** The Node.js the code was compiled for (its syntax target): another one compiles anew. */
  readonly node: string;
  /** Every file the bundle was made from (and the tsconfig that steered it), with its sha1. */
  readonly inputs: readonly (readonly [string, string])[];
  /** These inputs go through tsx: the bundle holds no code, only this manifest. */
  readonly refused: boolean;
}

/**
 * User TypeScript files (config, models, revisions) compiled once into plain ESM bundles, kept
 * in `node_modules/.cache/athanor/` and imported natively afterwards: no loader thread, no
 * transform, which is most of a command's start-up otherwise (tsx's ESM hooks run in a thread
 * of their own on Node 20, and every module then makes round trips to it).
 *
 * A bundle holds the file and the user's own files it imports; packages stay imports, resolved
 * from the cache folder, which sits in the `node_modules` the files themselves resolve from.
 * Its first line lists the files it was made from, with their hashes: it is used only while
 * every one still has that content (checked on each load, so an edit is seen at once,
 * whatever the clock says). One file per entry, named after the entry's path: creating files
 * is what a first run through a long chain of revisions spends most on. Whatever a bundle could
 * get wrong (a file that needs its own location, packages found in another node_modules, a
 * read-only cache) is refused here, and the caller loads that file through tsx as before.
 */
export class CompiledModules {
  /** The node_modules folder the bundles resolve packages from. */
  readonly #nodeModules: string;
  readonly #dir: string;

  private constructor(nodeModules: string) {
    this.#nodeModules = nodeModules;
    this.#dir = join(nodeModules, ".cache", "athanor", "modules");
  }

  /** The cache for files in `fileDir`, or null when no node_modules folder is above it. */
  static near(fileDir: string): CompiledModules | null {
    const nodeModules = findUp(fileDir, "node_modules");
    return nodeModules ? new CompiledModules(nodeModules) : null;
  }

  /** The bundle for `file` if one is fresh, else a new one; null when `file` must go through tsx. */
  async get(file: string): Promise<string | null> {
    const known = this.#fresh(file);
    return known === undefined ? this.#compile(file) : known;
  }

  /**
   * What the bundle's manifest says while every input is unchanged; undefined when it says
   * nothing. Read synchronously: these are small files, and an async read is four thread-pool
   * round trips, which a chain of a thousand revisions would pay several thousand times.
   */
  #fresh(file: string): string | null | undefined {
    const path = this.#bundlePath(file);
    let manifest: Manifest;
    try {
      const text = readFileSync(path, "utf8");
      if (!text.startsWith(HEADER)) return undefined;
      manifest = JSON.parse(text.slice(HEADER.length, text.indexOf("\n"))) as Manifest;
    } catch {
      return undefined;
    }
    if (manifest.format !== FORMAT || manifest.node !== process.versions.node) return undefined;
    if (!manifest.inputs.every(([input, hash]) => hashFile(input) === hash)) return undefined;
    return manifest.refused ? null : path;
  }

  async #compile(file: string): Promise<string | null> {
    let esbuild: typeof import("esbuild");
    try {
      esbuild = await import("esbuild");
    } catch {
      return null;
    }
    const inputs = new Map<string, string>();
    const state = { refused: false };
    const tsconfig = findUp(dirname(file), "tsconfig.json");
    let text: string;
    try {
      const source = readFileSync(file, "utf8");
      const loader = LOADERS[extname(file)];
      if (loader && !IMPORTS_VALUES.test(source) && !NEEDS_OWN_LOCATION.test(source)) {
        // Nothing to bundle (a revision file imports only types): one transform, a fraction of
        // a build, which a fresh clone's first run through a long chain makes for every file.
        const result = await esbuild.transform(source, {
          loader, format: "esm", target: `node${process.versions.node}`, sourcefile: file, logLevel: "silent",
          ...(tsconfig ? { tsconfigRaw: readFileSync(tsconfig, "utf8") } : {}),
        });
        inputs.set(file, sha1(source));
        text = result.code;
      } else {
        const result = await esbuild.build({
          entryPoints: [file],
          bundle: true,
          write: false,
          format: "esm",
          platform: "node",
          target: `node${process.versions.node}`,
          logLevel: "silent",
          absWorkingDir: dirname(file),
          plugins: [userFilesOnly(this.#nodeModules, inputs, state)],
        });
        text = result.outputFiles[0]!.text;
      }
    } catch {
      // A syntax error, an import that does not resolve: tsx reports it the way users know.
      return null;
    }
    if (tsconfig) inputs.set(tsconfig, hashFile(tsconfig) ?? "");
    // A refusal is remembered too, so that the next runs go to tsx without bundling first.
    const manifest: Manifest = { format: FORMAT, node: process.versions.node, inputs: [...inputs], refused: state.refused };
    const path = this.#bundlePath(file);
    try {
      mkdirSync(this.#dir, { recursive: true });
      writeAtomically(path, `${HEADER}${JSON.stringify(manifest)}\n${state.refused ? "" : text}`);
    } catch {
      return null;
    }
    return state.refused ? null : path;
  }

  #bundlePath(file: string): string {
    return join(this.#dir, `${sha1(file)}.mjs`);
  }
}

/**
 * Bundles the user's own files and leaves packages as imports. From the bundle's folder (inside
 * `nodeModules`) a package resolves as from the project's root, so an import from a file that
 * would find the package in a nested node_modules first refuses the bundle rather than change
 * its meaning. A tsconfig `paths` alias is one of the user's own files; the project importing
 * itself by its package name becomes an import of the file that name resolves to.
 */
function userFilesOnly(nodeModules: string, inputs: Map<string, string>, state: { refused: boolean }): Plugin {
  const refuse = () => { state.refused = true; };
  const root = dirname(nodeModules);
  return {
    name: "athanor-user-files",
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, async (args) => {
        if (args.pluginData === "inner") return undefined;
        const name = packageName(args.path);
        if (args.path.startsWith("node:") || BUILTINS.has(name)) return { path: args.path, external: true };
        const installedIn = findUp(args.resolveDir, join("node_modules", name));
        if (installedIn) {
          if (findUp(root, join("node_modules", name)) !== installedIn) refuse();
          return { path: args.path, external: true };
        }
        const found = await build.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: "inner" });
        if (found.errors.length > 0 || found.external) return { path: args.path, external: true };
        if (isOwnPackage(args.resolveDir, name)) return { path: pathToFileURL(found.path).href, external: true };
        return { path: found.path };
      });
      build.onLoad({ filter: /.*/, namespace: "file" }, async (args) => {
        const loader = LOADERS[extname(args.path)];
        if (!loader) {
          refuse();
          return { contents: "", loader: "js" };
        }
        const contents = await readFile(args.path, "utf8");
        if (loader !== "json" && NEEDS_OWN_LOCATION.test(contents)) refuse();
        inputs.set(resolve(args.path), sha1(contents));
        return { contents, loader };
      });
    },
  };
}

/** "pkg/sub" → "pkg", "@scope/pkg/sub" → "@scope/pkg". */
function packageName(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]!;
}

function isOwnPackage(dir: string, name: string): boolean {
  const manifest = findUp(dir, "package.json");
  if (!manifest) return false;
  try {
    return (JSON.parse(readFileSync(manifest, "utf8")) as { name?: unknown }).name === name;
  } catch {
    return false;
  }
}

function hashFile(path: string): string | null {
  try {
    return sha1(readFileSync(path, "utf8"));
  } catch {
    return null;
  }
}

function sha1(text: string): string {
  return createHash("sha1").update(text).digest("hex");
}

/**
 * Another process may be writing the same entry: each writes a file of its own, then renames
 * it. Synchronous, like the reads: small files, written once per file compiled.
 */
function writeAtomically(path: string, text: string): void {
  const tmp = `${path}.${randomBytes(6).toString("hex")}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}
