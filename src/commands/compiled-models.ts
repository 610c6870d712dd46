import type { RenameHints } from "../autogenerate/context.js";
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
