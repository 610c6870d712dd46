import type { RevisionGraph, RevisionHeader } from "../../script/index.js";

/**
 * Every revision after its parents and the revisions it depends on; file order breaks ties,
 * so the order is the same on every run.
 */
export function parentsFirst(graph: RevisionGraph): RevisionHeader[] {
  const all = graph.revisions;
  const pending = new Map(all.map((h) => [h.revision, new Set([...graph.parents(h.revision), ...graph.dependencies(h.revision)])]));
  const out: RevisionHeader[] = [];
  while (pending.size > 0) {
    // The graph rejected cycles when it was built, so each round places at least one revision.
    const ready = all.filter((h) => pending.get(h.revision)?.size === 0);
    for (const h of ready) {
      pending.delete(h.revision);
      out.push(h);
    }
    for (const needs of pending.values()) for (const h of ready) needs.delete(h.revision);
  }
  return out;
}

/** A revision as messages name it: its id and message. */
export function revisionLabel(graph: RevisionGraph, id: string): string {
  const message = graph.has(id) ? graph.get(id).message : "";
  return message ? `${id} "${message}"` : id;
}
