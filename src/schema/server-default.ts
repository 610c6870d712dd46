import { modelsError } from "./errors.js";
import { isSql } from "./sql.js";
import type { SqlFragment } from "./sql.js";

export type ServerDefaultValue = string | number | bigint | boolean | SqlFragment;

/** The SQL text that follows DEFAULT: strings become quoted literals, sql`…` stays as written. */
export function serverDefaultText(value: ServerDefaultValue): string {
  if (isSql(value)) return value.text.trim();
  switch (typeof value) {
    case "string":
      return `'${value.replaceAll("'", "''")}'`;
    case "number":
      if (!Number.isFinite(value)) throw modelsError(`serverDefault(${value}): the number has no SQL spelling`);
      return String(value);
    case "bigint":
      return String(value);
    case "boolean":
      return value ? "true" : "false";
    default:
      throw modelsError(
        `serverDefault() takes a string, number, boolean or sql\`…\`, got ${value === null ? "null" : typeof value}`,
      );
  }
}
