/**
 * TypeScript names for a pulled schema: camelCase property keys for columns and variable names
 * for tables. Every name is a valid identifier that collides with nothing else in its scope; the
 * SQL name is kept wherever the TypeScript name differs from it.
 */

const RESERVED = new Set([
  "break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete", "do", "else", "enum",
  "export", "extends", "false", "finally", "for", "function", "if", "import", "in", "instanceof", "new", "null",
  "return", "super", "switch", "this", "throw", "true", "try", "typeof", "var", "void", "while", "with", "yield",
  "let", "static", "implements", "interface", "package", "private", "protected", "public", "await", "arguments",
  "eval", "undefined", "NaN", "Infinity",
]);

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

export function isIdentifier(name: string): boolean {
  return IDENTIFIER.test(name);
}

/** `artist_credit` → `artistCredit`, `ArtistId` → `artistId`, `ID` → `id`; "" when nothing usable is left. */
export function camelCase(name: string): string {
  const words = name.split(/[^A-Za-z0-9]+/).filter((w) => w !== "");
  const out = words.map((w, i) => {
    const lowered = w === w.toUpperCase() ? w.toLowerCase() : w;
    return i === 0 ? lowered[0]!.toLowerCase() + lowered.slice(1) : lowered[0]!.toUpperCase() + lowered.slice(1);
  }).join("");
  return /^[0-9]/.test(out) ? `_${out}` : out;
}

/** An object literal key: bare when it can be, quoted otherwise (`__proto__` computed, so it stays an own property). */
export function propertyKey(key: string): string {
  if (key === "__proto__") return `["__proto__"]`;
  return isIdentifier(key) ? key : JSON.stringify(key);
}

/**
 * Column keys of one table, in column order: camelCase when that is free, else the SQL name
 * itself, else the SQL name with a number.
 */
export function columnKeys(names: readonly string[]): string[] {
  const taken = new Set<string>();
  return names.map((name) => {
    const candidates = [camelCase(name), name].filter((k) => k !== "" && k !== "__proto__");
    let key = candidates.find((k) => !taken.has(k));
    for (let n = 2; key === undefined; n++) if (!taken.has(`${name}${n}`)) key = `${name}${n}`;
    taken.add(key);
    return key;
  });
}

/**
 * Variable names for tables: camelCase of the table name, prefixed with its schema when two
 * tables share a name, suffixed with `Table` when the name is reserved or used by an import.
 */
export function tableVariables(tables: readonly { readonly schema: string | null; readonly name: string }[], taken: ReadonlySet<string>): string[] {
  const base = tables.map((t) => camelCase(t.name) || "table");
  const count = new Map<string, number>();
  for (const b of base) count.set(b, (count.get(b) ?? 0) + 1);
  const used = new Set<string>(taken);
  return tables.map((t, i) => {
    let name = base[i]!;
    if ((count.get(name) ?? 0) > 1 && t.schema !== null) name = camelCase(`${t.schema}_${t.name}`) || name;
    if (RESERVED.has(name) || used.has(name) || !isIdentifier(name)) name = `${name}Table`;
    let candidate = name;
    for (let n = 2; used.has(candidate); n++) candidate = `${name}${n}`;
    used.add(candidate);
    return candidate;
  });
}
