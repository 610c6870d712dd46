import { describe, expect, it } from "vitest";
import { RevisionGraph } from "../../../src/script/index.js";
import type { RevisionHeader } from "../../../src/script/index.js";
import { expectError, rev } from "./fixtures.js";

const N = 10_000;
const id = (i: number): string => i.toString(16).padStart(12, "0");

/**
 * A 10,000-revision history: one long trunk; every 100th revision starts a 3-revision
 * side branch that the trunk merges back 10 revisions later, except every 1,000th, which
 * stays open as a head; every 500th depends on the previous one; a second base of 50.
 */
function largeHistory(): { headers: RevisionHeader[]; openHeads: string[] } {
  const headers: RevisionHeader[] = [];
  const openHeads: string[] = [];
  const pendingMerge = new Map<number, string>();
  let trunk: string | null = null;
  let next = 0;
  const add = (h: RevisionHeader): string => {
    headers.push(h);
    next++;
    return h.revision;
  };
  while (next < N - 50) {
    const i = next;
    const merging = pendingMerge.get(i);
    const down = trunk === null ? null : merging === undefined ? trunk : [trunk, merging];
    const dependsOn = i % 500 === 0 && i > 0 ? [id(i - 250)] : [];
    trunk = add(rev(id(i), down, { dependsOn, labels: i === 0 ? ["trunk"] : [] }));
    if (i % 100 === 50 && next < N - 60) {
      let side = trunk;
      for (let k = 0; k < 3; k++) side = add(rev(id(next), side));
      if (i % 1000 === 50) openHeads.push(side);
      else pendingMerge.set(next + 10, side);
    }
  }
  let other: string | null = null;
  while (next < N) other = add(rev(id(next), other, { labels: other === null ? ["other"] : [] }));
  openHeads.push(trunk!, other!);
  return { headers, openHeads };
}

describe("a 10,000-revision graph", () => {
  const { headers, openHeads } = largeHistory();
  const graph = new RevisionGraph(headers);

  it("builds and finds its heads and bases", () => {
    expect(graph.size).toBe(N);
    expect(new Set(graph.heads)).toEqual(new Set(openHeads));
    expect(graph.bases).toEqual([id(0), id(N - 50)]);
    expect(graph.mergePoints.length).toBeGreaterThan(80);
  });

  it("plans a full upgrade in dependency order and stores one row per open head", () => {
    const steps = graph.planUpgrade([], "heads");
    expect(steps).toHaveLength(N);
    const position = new Map(steps.map((s, i) => [s.revision.revision, i]));
    for (const h of headers) {
      for (const p of [...h.downRevisions, ...h.dependsOn]) expect(position.get(p)!).toBeLessThan(position.get(h.revision)!);
    }
    const applied = new Set(headers.map((h) => h.revision));
    expect(new Set(graph.versionRows(applied))).toEqual(new Set(openHeads));
  });

  it("keeps rows incrementally through the whole upgrade", () => {
    const applied = new Set<string>();
    let rows: string[] = [];
    for (const step of graph.planUpgrade([], "heads")) {
      rows = graph.nextRows(rows, applied, step);
      applied.add(step.revision.revision);
    }
    expect(new Set(rows)).toEqual(new Set(openHeads));
  });

  it("resolves prefixes, labels and relative steps, and walks history", () => {
    expect(graph.resolve(id(1234))).toEqual([id(1234)]);
    expectError(() => graph.resolve(id(1234).slice(1)), "REVISION_NOT_FOUND");
    expectError(() => graph.resolve(id(1234).slice(0, 11)), "REVISION_AMBIGUOUS", /16 revisions start with it .*and 6 more/);
    expect(graph.resolve("other@head")).toEqual([id(N - 1)]);
    expect(graph.resolve("other@head-49")).toEqual([id(N - 50)]);
    expect(graph.walk(":other@head")).toHaveLength(50);
    expect(graph.walk()).toHaveLength(N);
    expect(graph.planDowngrade(graph.heads, "trunk@base").length).toBe(N - 50);
  });
});
