import { Worker } from "node:worker_threads";
import { decodeCompiledModels, type CompiledModels, type ModelsSource } from "./compiled-models.js";

/**
 * Compiles the models in a worker thread, started as soon as the config is read, so that
 * loading and compiling them (a third of a no-op check on a large schema) runs on the second
 * core while the main thread connects to the database and reflects it. An accelerator only:
 * when the worker cannot deliver, `compile` falls back to `inline`, the ordinary main-thread
 * path, which reports any error exactly as it would have.
 */
export class ModelsAhead implements ModelsSource {
  readonly #worker: Worker;
  readonly #answer: Promise<CompiledModels | null>;
  readonly #inline: ModelsSource;

  /** `bundle`: the models' compiled bundle (see CompiledModules). */
  constructor(bundle: string, inline: ModelsSource) {
    this.#inline = inline;
    this.#worker = new Worker(new URL("./models-worker.js", import.meta.url), { workerData: { bundle } });
    // Never the reason the process stays up, whatever happens to the worker.
    this.#worker.unref();
    this.#answer = new Promise((resolve) => {
      this.#worker.once("message", (m: string | null) => resolve(m === null ? null : decodeCompiledModels(m)));
      this.#worker.once("error", () => resolve(null));
      this.#worker.once("exit", () => resolve(null));
    });
  }

  async compile(defaultSchema: string | null): Promise<CompiledModels> {
    this.#worker.postMessage({ defaultSchema });
    const answer = await this.#answer;
    if (answer) return answer;
    this.close();
    return this.#inline.compile(defaultSchema);
  }

  close(): void {
    void this.#worker.terminate();
  }
}
