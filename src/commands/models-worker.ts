/**
 * The worker side of ModelsAhead: loads the models from their compiled bundle and, once told
 * the default schema, sends back the compiled snapshot and rename hints (plain data). It
 * answers null whenever it cannot (no fresh bundle, a load or compile error): the main thread
 * then loads the models itself, so every error is reported the usual way.
 */
import { parentPort, workerData } from "node:worker_threads";
import { dirname } from "node:path";
import { pathToFileURL } from "node:url";
import { CompiledModules } from "../runtime/compiled-modules.js";
import { defaultExport, namedExport } from "../runtime/load-module.js";
import { compileMetadata, isMetaData, renameHints, type MetaData } from "../schema/index.js";

const port = parentPort!;
const file = (workerData as { readonly file: string }).file;

async function loadModels(): Promise<MetaData | null> {
  const bundle = await CompiledModules.near(dirname(file))?.get(file);
  if (!bundle) return null;
  const mod = (await import(pathToFileURL(bundle).href)) as Record<string, unknown>;
  const md = namedExport(mod, "metadata") ?? defaultExport(mod);
  return isMetaData(md) ? md : null;
}

const loaded = loadModels().catch(() => null);
port.once("message", async ({ defaultSchema }: { readonly defaultSchema: string | null }) => {
  const md = await loaded;
  try {
    port.postMessage(md && { snapshot: compileMetadata(md, { defaultSchema }), renames: renameHints(md, { defaultSchema }) });
  } catch {
    port.postMessage(null);
  }
  port.close();
});
