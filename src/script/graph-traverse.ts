import type { GraphIndex } from "./graph-index.js";

/**
 * Reachability and ordering over a GraphIndex. Sets are byte masks indexed by revision,
 * so each traversal is linear in what it visits plus one allocation of n bytes.
 */
export type Mask = Uint8Array;

/** Ancestors of `starts` (inclusive) through `downRevision` edges, and `dependsOn` edges when asked. */
export function ancestorMask(ix: GraphIndex, starts: Iterable<number>, includeDependencies: boolean): Mask {
  return reach(ix, starts, ix.down, includeDependencies ? ix.deps : null);
}

/** Descendants of `starts` (inclusive) through `downRevision` edges, and `dependsOn` edges when asked. */
export function descendantMask(ix: GraphIndex, starts: Iterable<number>, includeDependencies: boolean): Mask {
  return reach(ix, starts, ix.children, includeDependencies ? ix.dependents : null);
}

/** Revisions on the same line as `anchor`: its ancestors and descendants through `downRevision` edges. */
export function lineageMask(ix: GraphIndex, anchor: number): Mask {
  const mask = ancestorMask(ix, [anchor], false);
  const below = descendantMask(ix, [anchor], false);
  for (let i = 0; i < mask.length; i++) mask[i] = mask[i]! | below[i]!;
  return mask;
}

function reach(
  ix: GraphIndex,
  starts: Iterable<number>,
  edges: readonly (readonly number[])[],
  more: readonly (readonly number[])[] | null,
): Mask {
  const mask = new Uint8Array(ix.headers.length);
  const stack: number[] = [];
  for (const s of starts) {
    if (!mask[s]) {
      mask[s] = 1;
      stack.push(s);
    }
  }
  while (stack.length > 0) {
    const node = stack.pop()!;
    for (const next of edges[node]!) {
      if (!mask[next]) {
        mask[next] = 1;
        stack.push(next);
      }
    }
    if (more === null) continue;
    for (const next of more[node]!) {
      if (!mask[next]) {
        mask[next] = 1;
        stack.push(next);
      }
    }
  }
  return mask;
}

/** Members of a mask in file order. */
export function members(mask: Mask): number[] {
  const out: number[] = [];
  for (let i = 0; i < mask.length; i++) if (mask[i]) out.push(i);
  return out;
}

/**
 * The masked revisions with every masked parent before its child: a depth-first
 * post-order from `starts` (then any other masked revision in file order), visiting
 * `dependsOn` parents before `downRevision` parents in declared order. Depth-first keeps
 * each branch's run together, as Alembic does, instead of interleaving branches.
 */
export function parentsFirst(ix: GraphIndex, mask: Mask, starts: readonly number[]): number[] {
  const n = ix.headers.length;
  const state = new Uint8Array(n);
  const order: number[] = [];
  const nodeStack: number[] = [];
  const edgeStack: number[] = [];
  const visit = (root: number): void => {
    if (!mask[root] || state[root]) return;
    state[root] = 1;
    nodeStack.push(root);
    edgeStack.push(0);
    while (nodeStack.length > 0) {
      const top = nodeStack.length - 1;
      const node = nodeStack[top]!;
      const deps = ix.deps[node]!;
      const down = ix.down[node]!;
      const e = edgeStack[top]!;
      if (e < deps.length + down.length) {
        edgeStack[top] = e + 1;
        const parent = e < deps.length ? deps[e]! : down[e - deps.length]!;
        if (mask[parent] && !state[parent]) {
          state[parent] = 1;
          nodeStack.push(parent);
          edgeStack.push(0);
        }
      } else {
        nodeStack.pop();
        edgeStack.pop();
        order.push(node);
      }
    }
  };
  for (const s of starts) visit(s);
  for (let i = 0; i < n; i++) visit(i);
  return order;
}
