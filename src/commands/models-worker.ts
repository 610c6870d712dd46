/**
 * The worker side of ModelsAhead: imports the models' compiled bundle and, once told the
 * default schema, sends back the compiled snapshot and rename hints (plain data). It answers
 * null whenever it cannot (a load or compile error): the main thread then loads the models
 * itself, so every error is reported the usual way.
 */
import { parentPort, workerData } from "node:worker_threads";
import { pathToFileURL } from "node:url";
import { defaultExport, namedExport } from "../runtime/load-module.js";
import { isMetaData, type MetaData } from "../schema/index.js";
import { encodeCompiledModels, metadataSource } from "./compiled-models.js";

const port = parentPort!;
const bundle = (workerData as { readonly bundle: string }).bundle;

async function loadModels(): Promise<MetaData | null> {
  const mod = (await import(pathToFileURL(bundle).href)) as Record<string, unknown>;
  const md = namedExport(mod, "metadata") ?? defaultExport(mod);
  return isMetaData(md) ? md : null;
}

const loaded = loadModels().catch(() => null);
port.once("message", async ({ defaultSchema }: { readonly defaultSchema: string | null }) => {
  const md = await loaded;
  try {
    port.postMessage(md && encodeCompiledModels(await metadataSource(md).compile(defaultSchema)));
  } catch {
    port.postMessage(null);
  }
  port.close();
});
