/**
 * The dialect's type and value hooks in one place. Each lives in its own module: column types
 * (render, compare), normalization of defaults and expressions, literals, identifiers.
 */
export { renderType, typesEqual } from "./column-types.js";
export { normalizeDefault, normalizeExpression } from "./normalize.js";
export { literal } from "./literal.js";
export { quoteIdentifier } from "./identifiers.js";
