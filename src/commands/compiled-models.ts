import type { RenameHints } from "../autogenerate/context.js";
import { compileMetadata, renameHints, type MetaData } from "../schema/index.js";
import type { SchemaSnapshot } from "../snapshot/types.js";

/** The models as a comparison takes them: compiled against the connection's default schema. */
export interface CompiledModels {
  readonly snapshot: SchemaSnapshot;
  /** The models' renamedFrom markers. */
  readonly renames: RenameHints;
}

/** Where the models come from: compiled on request, once the default schema is known. */
export interface ModelsSource {
  compile(defaultSchema: string | null): Promise<CompiledModels>;
  /** Lets go of what was started ahead when the caller ends before asking for the models. */
  close?(): void;
}

/** The models of a MetaData (or of the loader of one), compiled on the calling thread. */
export function metadataSource(md: MetaData | (() => Promise<MetaData>)): ModelsSource {
  return {
    async compile(defaultSchema) {
      const metadata = typeof md === "function" ? await md() : md;
      return { snapshot: compileMetadata(metadata, { defaultSchema }), renames: renameHints(metadata, { defaultSchema }) };
    },
  };
}

/**
 * The models as text, to cross from the worker to the main thread. A structured clone of a
 * large snapshot (tens of thousands of objects) took 70–130 ms to arrive, and left objects
 * slower to read in the comparison; JSON.parse of the same takes 20–40 ms.
 */
export function encodeCompiledModels(models: CompiledModels): string {
  return JSON.stringify({
    snapshot: models.snapshot,
    tables: [...models.renames.tables],
    columns: [...models.renames.columns],
  });
}

export function decodeCompiledModels(text: string): CompiledModels {
  const { snapshot, tables, columns } = JSON.parse(text) as {
    snapshot: SchemaSnapshot; tables: [string, string][]; columns: [string, string][];
  };
  return { snapshot, renames: { tables: new Map(tables), columns: new Map(columns) } };
}
