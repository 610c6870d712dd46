/**
 * What a revision id or branch label may look like. The identifier grammar
 * (`label@head`, `ae10+2`, `from:to`) gives `@`, `+`, `-`, `:` a meaning, so names
 * cannot contain them, and the symbolic names cannot be taken by a revision or label.
 */
export const RESERVED_NAMES: ReadonlySet<string> = new Set(["head", "heads", "base", "current"]);

const PLAIN_ID = /^[^@+\-:\s]+$/;

/** Why `id` cannot be a revision id, or null when it can. */
export function revisionIdProblem(id: string): string | null {
  if (PLAIN_ID.test(id) && !RESERVED_NAMES.has(id)) return null;
  if (id.length === 0) return "is empty";
  if (RESERVED_NAMES.has(id)) return `is a reserved name (${[...RESERVED_NAMES].join(", ")})`;
  const bad = /[@+\-:\s]/.exec(id);
  if (bad) return `contains "${bad[0]}", which identifiers such as "rev@head", "rev+1" or "a:b" reserve`;
  return null;
}

/** Why `label` cannot be a branch label, or null when it can. */
export function branchLabelProblem(label: string): string | null {
  if (label.length === 0) return "is empty";
  if (RESERVED_NAMES.has(label)) return `is a reserved name (${[...RESERVED_NAMES].join(", ")})`;
  const bad = /[@+:\s]/.exec(label);
  if (bad) return `contains "${bad[0]}", which identifiers such as "label@head" or "a:b" reserve`;
  if (/-\d+$/.test(label)) return `ends in "-<digits>", which reads as a relative step ("label-1")`;
  return null;
}
