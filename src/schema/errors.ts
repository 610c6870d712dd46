import { AthanorError } from "../errors.js";

/** A mistake in the user's models: reported with the MODELS code (a configuration error). */
export function modelsError(message: string): AthanorError {
  return new AthanorError("MODELS", message);
}
