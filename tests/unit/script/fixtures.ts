import { expect } from "vitest";
import { isAthanorError } from "../../../src/errors.js";
import type { ErrorCode } from "../../../src/errors.js";
import type { RevisionHeader } from "../../../src/script/index.js";

export interface RevOptions {
  readonly labels?: readonly string[];
  readonly dependsOn?: readonly string[];
  readonly message?: string;
}

/** An in-memory header, as if read from /versions/<id>.ts. */
export function rev(revision: string, down: string | readonly string[] | null = null, options: RevOptions = {}): RevisionHeader {
  return {
    revision,
    downRevisions: down === null ? [] : typeof down === "string" ? [down] : down,
    branchLabels: options.labels ?? [],
    dependsOn: options.dependsOn ?? [],
    message: options.message ?? `message of ${revision}`,
    createDate: null,
    path: `/versions/${revision}.ts`,
  };
}

/**
 * The graph Alembic's "Working with Branches" chapter builds, with its real ids:
 *
 *   <base> -> 1975 -+-> ae10 -> 55af            (55af: effective head, 2a95 depends on it)
 *                   +-> 27c6 -> d747            (27c6 labeled "shoppingcart")
 *   <base> -> 3cac -> 109e -> 29f8 -> 2a95      (3cac labeled "networking"; 2a95 dependsOn 55af)
 */
export const DOCS = {
  account: "1975ea83b712",
  column: "ae1027a6acf",
  another: "55af2cb1c267",
  cart: "27c6a30d7c24",
  cartColumn: "d747a8a8879",
  net: "3cac04ae8714",
  ip: "109ec7d132bf",
  dns: "29f859a13ea",
  ipAccount: "2a95102259be",
} as const;

export function docsHeaders(): RevisionHeader[] {
  const d = DOCS;
  return [
    rev(d.account, null, { message: "create account table" }),
    rev(d.column, d.account, { message: "add a column" }),
    rev(d.cart, d.account, { labels: ["shoppingcart"], message: "add shopping cart table" }),
    rev(d.cartColumn, d.cart, { message: "add a shopping cart column" }),
    rev(d.another, d.column, { message: "add another account column" }),
    rev(d.net, null, { labels: ["networking"], message: "create networking branch" }),
    rev(d.ip, d.net, { message: "add ip number table" }),
    rev(d.dns, d.ip, { message: "add DNS table" }),
    rev(d.ipAccount, d.dns, { dependsOn: [d.another], message: "add ip account table" }),
  ];
}

/** The merge chapter: 1975 branches into ae10 and 27c6, which 53ff merges, then 8a1b follows. */
export const MERGE = { base: "1975ea83b712", left: "ae1027a6acf", right: "27c6a30d7c24", merge: "53fffde5ad5", after: "8a1b2c3d4e5f" } as const;

export function mergeHeaders(): RevisionHeader[] {
  const m = MERGE;
  return [rev(m.base), rev(m.left, m.base), rev(m.right, m.base), rev(m.merge, [m.left, m.right]), rev(m.after, m.merge)];
}

/** A straight line l1 <- l2 <- l3 <- l4 <- l5 with hex ids. */
export const LINE = ["0a1111111111", "1b2222222222", "2c3333333333", "3d4444444444", "4e5555555555"] as const;

export function lineHeaders(): RevisionHeader[] {
  return LINE.map((id, i) => rev(id, i === 0 ? null : LINE[i - 1]!));
}

/** Runs `fn`, expecting an AthanorError with `code`; returns it for further checks. */
export function expectError(fn: () => unknown, code: ErrorCode, ...fragments: (string | RegExp)[]): Error {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught, "expected an error").toBeDefined();
  expect(isAthanorError(caught), `expected AthanorError, got ${String(caught)}`).toBe(true);
  const error = caught as Error & { code: ErrorCode };
  expect(error.code, error.message).toBe(code);
  for (const fragment of fragments) expect(error.message).toMatch(fragment);
  return error;
}

export async function expectRejection(promise: Promise<unknown>, code: ErrorCode, ...fragments: (string | RegExp)[]): Promise<Error> {
  const caught = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  return expectError(() => {
    if (caught !== undefined) throw caught;
  }, code, ...fragments);
}

/** A deterministic pseudo-random generator (mulberry32). */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
