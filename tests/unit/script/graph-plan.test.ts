import { describe, expect, it } from "vitest";
import { diffVersionRows, RevisionGraph } from "../../../src/script/index.js";
import type { RevisionHeader, Step, VersionRowAction } from "../../../src/script/index.js";
import { DOCS, docsHeaders, expectError, LINE, lineHeaders, MERGE, mergeHeaders, rev, seeded } from "./fixtures.js";

const d = DOCS;
const docs = new RevisionGraph(docsHeaders());
const line = new RevisionGraph(lineHeaders());
const merged = new RevisionGraph(mergeHeaders());

const ids = (steps: readonly Step[]): string[] => steps.map((s) => s.revision.revision);

/** Runs a plan the way the runner will: rows step by step, checked against a full recomputation. */
function run(graph: RevisionGraph, rows: readonly string[], steps: readonly Step[]): { rows: string[]; actions: VersionRowAction[][] } {
  const applied = graph.appliedFrom(rows);
  let current = [...rows];
  const actions: VersionRowAction[][] = [];
  for (const step of steps) {
    const next = graph.nextRows(current, applied, step);
    if (step.direction === "up") applied.add(step.revision.revision);
    else applied.delete(step.revision.revision);
    expect(new Set(next)).toEqual(new Set(graph.versionRows(applied)));
    actions.push(diffVersionRows(current, next));
    current = next;
  }
  return { rows: current, actions };
}

describe("planUpgrade", () => {
  it("applies a line in order from base, from the middle, and by relative steps", () => {
    expect(ids(line.planUpgrade([], "head"))).toEqual([...LINE]);
    expect(ids(line.planUpgrade([LINE[1]], "heads"))).toEqual(LINE.slice(2));
    expect(ids(line.planUpgrade([LINE[1]], "+2"))).toEqual([LINE[2], LINE[3]]);
    expect(ids(line.planUpgrade([], "2c33"))).toEqual(LINE.slice(0, 3));
    expect(line.planUpgrade([LINE[4]], "head")).toEqual([]);
    expect(line.planUpgrade([LINE[4]], LINE[1])).toEqual([]);
    expect(line.planUpgrade([LINE[2]], "base")).toEqual([]);
    expect(line.planUpgrade([], "head").every((s) => s.direction === "up")).toBe(true);
  });

  it("refuses to upgrade to -N", () => {
    expectError(() => line.planUpgrade([LINE[3]], "-1"), "USAGE", "downgrade");
  });

  it("applies a target's ancestors only, not its siblings (Alembic: upgrade 27c6a)", () => {
    expect(ids(docs.planUpgrade([], "27c6a"))).toEqual([d.account, d.cart]);
    expect(ids(docs.planUpgrade([d.cart], "ae102"))).toEqual([d.column]);
  });

  it("applies dependsOn targets first and keeps each branch's run together", () => {
    expect(ids(docs.planUpgrade([], "networking@head"))).toEqual([d.account, d.column, d.another, d.net, d.ip, d.dns, d.ipAccount]);
    expect(ids(docs.planUpgrade([], "heads"))).toEqual([d.account, d.cart, d.cartColumn, d.column, d.another, d.net, d.ip, d.dns, d.ipAccount]);
    expect(ids(docs.planUpgrade([d.another], "networking@head"))).toEqual([d.net, d.ip, d.dns, d.ipAccount]);
  });

  it("applies both sides of a merge before the merge, whichever side is already applied", () => {
    expect(ids(merged.planUpgrade([], "head"))).toEqual([MERGE.base, MERGE.left, MERGE.right, MERGE.merge, MERGE.after]);
    expect(ids(merged.planUpgrade([MERGE.right], "head"))).toEqual([MERGE.left, MERGE.merge, MERGE.after]);
    expect(ids(merged.planUpgrade([MERGE.left], MERGE.merge))).toEqual([MERGE.right, MERGE.merge]);
  });

  it("upgrades along a label with <label>@+N", () => {
    expect(ids(docs.planUpgrade([d.account], "shoppingcart@+2"))).toEqual([d.cart, d.cartColumn]);
  });
});

describe("planDowngrade", () => {
  it("steps down a line with -N, to a revision, and to base", () => {
    expect(ids(line.planDowngrade([LINE[4]], "-1"))).toEqual([LINE[4]]);
    expect(ids(line.planDowngrade([LINE[4]], "-2"))).toEqual([LINE[4], LINE[3]]);
    expect(ids(line.planDowngrade([LINE[4]], "1b22"))).toEqual([LINE[4], LINE[3], LINE[2]]);
    expect(ids(line.planDowngrade([LINE[4]], "base"))).toEqual([...LINE].reverse());
    expect(line.planDowngrade([LINE[4]], "head")).toEqual([]);
    expect(line.planDowngrade([], "base")).toEqual([]);
    expect(line.planDowngrade([LINE[4]], "base").every((s) => s.direction === "down")).toBe(true);
  });

  it("refuses +N, targets that are not applied, and -N past base", () => {
    expectError(() => line.planDowngrade([LINE[1]], "+1"), "USAGE", "upgrade");
    expectError(() => line.planDowngrade([LINE[1]], LINE[3]), "USAGE", LINE[3], "not applied");
    expectError(() => docs.planDowngrade([d.cart], d.column), "USAGE", "not applied");
    expectError(() => line.planDowngrade([LINE[1]], "-3"), "REVISION_NOT_FOUND", "past base");
  });

  it("unapplies everything above a branch point, children first", () => {
    const steps = ids(docs.planDowngrade([d.cartColumn, d.another], d.account));
    expect(new Set(steps)).toEqual(new Set([d.cartColumn, d.cart, d.another, d.column]));
    expect(steps.indexOf(d.cartColumn)).toBeLessThan(steps.indexOf(d.cart));
    expect(steps.indexOf(d.another)).toBeLessThan(steps.indexOf(d.column));
  });

  it("leaves other branches alone when the target is on one branch", () => {
    const rows = [d.cartColumn, d.another];
    expect(ids(docs.planDowngrade(rows, d.cart))).toEqual([d.cartColumn]);
    expect(ids(docs.planDowngrade(rows, "shoppingcart@-1"))).toEqual([d.cartColumn]);
    expect(ids(docs.planDowngrade(rows, `${d.another}@-2`))).toEqual([d.another, d.column]);
    expectError(() => docs.planDowngrade(rows, "-1"), "MULTIPLE_HEADS", d.cartColumn, d.another);
  });

  it("unapplies a labeled base's line with <label>@base and leaves its dependencies (Alembic docs)", () => {
    const rows = docs.versionRows(docs.appliedFrom(docs.heads));
    expect(rows).toEqual([d.cartColumn, d.ipAccount]);
    expect(ids(docs.planDowngrade(rows, "networking@base"))).toEqual([d.ipAccount, d.dns, d.ip, d.net]);
  });

  it("unapplies dependents of anything it unapplies", () => {
    const rows = [d.cartColumn, d.ipAccount];
    const steps = ids(docs.planDowngrade(rows, d.column));
    expect(steps).toEqual([d.ipAccount, d.another]);
  });

  it("keeps revisions that merely depend on the target", () => {
    // 2a95 depends on 55af; downgrading to 55af keeps 55af applied, so 2a95 stays.
    expect(docs.planDowngrade([d.cartColumn, d.ipAccount], d.another)).toEqual([]);
  });

  it("downgrading to one side of a merge unapplies the merge and keeps both sides", () => {
    const rows = [MERGE.after];
    expect(ids(merged.planDowngrade(rows, MERGE.left))).toEqual([MERGE.after, MERGE.merge]);
    expect(merged.versionRows(new Set([MERGE.base, MERGE.left, MERGE.right]))).toEqual([MERGE.left, MERGE.right]);
    expect(ids(merged.planDowngrade(rows, MERGE.merge))).toEqual([MERGE.after]);
    expectError(() => merged.planDowngrade([MERGE.merge], "-1"), "REVISION_AMBIGUOUS", "merges");
  });
});

describe("version rows", () => {
  it("follows Alembic's SQL through a branch and a merge (docs: merge mechanics)", () => {
    const { rows, actions } = run(merged, [], merged.planUpgrade([], MERGE.merge));
    expect(actions).toEqual([
      [{ kind: "insert", revision: MERGE.base }],
      [{ kind: "update", from: MERGE.base, to: MERGE.left }],
      [{ kind: "insert", revision: MERGE.right }],
      [{ kind: "delete", revision: MERGE.left }, { kind: "update", from: MERGE.right, to: MERGE.merge }],
    ]);
    expect(rows).toEqual([MERGE.merge]);
  });

  it("unmerges, closes branches and deletes the last row at base", () => {
    const { rows, actions } = run(merged, [MERGE.merge], merged.planDowngrade([MERGE.merge], "base"));
    expect(actions).toEqual([
      [{ kind: "update", from: MERGE.merge, to: MERGE.left }, { kind: "insert", revision: MERGE.right }],
      [{ kind: "delete", revision: MERGE.right }],
      [{ kind: "update", from: MERGE.left, to: MERGE.base }],
      [{ kind: "delete", revision: MERGE.base }],
    ]);
    expect(rows).toEqual([]);
  });

  it("deletes each closed branch's row on the way down, then updates (docs: downgrade -1 with two heads)", () => {
    const g = new RevisionGraph(docsHeaders().slice(0, 3));
    let rows: string[] = [d.column, d.cart];
    let result = run(g, rows, g.planDowngrade(rows, `${d.column}@-1`));
    expect(result.actions).toEqual([[{ kind: "delete", revision: d.column }]]);
    rows = result.rows;
    expect(rows).toEqual([d.cart]);
    result = run(g, rows, g.planDowngrade(rows, "-1"));
    expect(result.actions).toEqual([[{ kind: "update", from: d.cart, to: d.account }]]);
    result = run(g, result.rows, g.planDowngrade(result.rows, "-1"));
    expect(result.actions).toEqual([[{ kind: "delete", revision: d.account }]]);
    expect(result.rows).toEqual([]);
  });

  it("absorbs a dependency's row when its dependent is applied, and restores it on the way down (docs: effective head)", () => {
    const start = [d.cartColumn, d.another, d.dns];
    const up = run(docs, start, docs.planUpgrade(start, "networking@head"));
    expect(up.actions).toEqual([[{ kind: "delete", revision: d.another }, { kind: "update", from: d.dns, to: d.ipAccount }]]);
    expect(up.rows).toEqual([d.cartColumn, d.ipAccount]);
    const down = run(docs, up.rows, docs.planDowngrade(up.rows, "networking@-1"));
    expect(down.actions).toEqual([[{ kind: "update", from: d.ipAccount, to: d.dns }, { kind: "insert", revision: d.another }]]);
  });

  it("versionRows and appliedFrom invert each other", () => {
    const applied = docs.appliedFrom([d.cart, d.ipAccount]);
    expect(applied).toEqual(new Set([d.account, d.cart, d.column, d.another, d.net, d.ip, d.dns, d.ipAccount]));
    expect(docs.versionRows(applied)).toEqual([d.cart, d.ipAccount]);
    expect(docs.versionRows(new Set())).toEqual([]);
    expect(docs.appliedFrom([])).toEqual(new Set());
    expectError(() => docs.versionRows(new Set(["nope"])), "REVISION_NOT_FOUND", "nope");
    expectError(() => docs.appliedFrom(["nope"]), "REVISION_NOT_FOUND", "nope");
  });

  it("diffs rows into statements", () => {
    expect(diffVersionRows(["a"], ["b"])).toEqual([{ kind: "update", from: "a", to: "b" }]);
    expect(diffVersionRows([], ["a"])).toEqual([{ kind: "insert", revision: "a" }]);
    expect(diffVersionRows(["a"], [])).toEqual([{ kind: "delete", revision: "a" }]);
    expect(diffVersionRows(["a", "b"], ["a", "b"])).toEqual([]);
    expect(diffVersionRows(["x", "a", "b"], ["x", "m"])).toEqual([{ kind: "delete", revision: "a" }, { kind: "update", from: "b", to: "m" }]);
  });
});

describe("random graphs", () => {
  /** A random forest with merges, labels and dependsOn; parents always come earlier in file order. */
  function randomGraph(random: () => number, n: number): RevisionHeader[] {
    const headers: RevisionHeader[] = [];
    for (let i = 0; i < n; i++) {
      const id = `r${i.toString(16).padStart(4, "0")}`;
      const pick = (): string => headers[Math.floor(random() * headers.length)]!.revision;
      const down = i === 0 || random() < 0.08 ? [] : random() < 0.15 ? [pick(), pick()] : [pick()];
      const dependsOn = i > 3 && random() < 0.1 ? [pick()] : [];
      const labels = random() < 0.05 ? [`label${i}`] : [];
      headers.push(rev(id, [...new Set(down)], { dependsOn, labels }));
    }
    return headers;
  }

  it("plans keep parents before children, reach their targets, and keep rows consistent", () => {
    const random = seeded(20261122);
    let upSteps = 0;
    let downSteps = 0;
    for (let round = 0; round < 30; round++) {
      const graph = new RevisionGraph(randomGraph(random, 40));
      const all = graph.revisions.map((h) => h.revision);
      const some = (): string => all[Math.floor(random() * all.length)]!;
      let rows = graph.versionRows(graph.appliedFrom([some(), some()]));
      for (let move = 0; move < 6; move++) {
        const before = graph.appliedFrom(rows);
        const up = random() < 0.5;
        const appliedIds = [...before];
        const target = !up && appliedIds.length > 0 && random() < 0.7 ? appliedIds[Math.floor(random() * appliedIds.length)]! : some();
        let steps: Step[];
        try {
          steps = up ? graph.planUpgrade(rows, target) : graph.planDowngrade(rows, target);
        } catch (e) {
          expect(up).toBe(false);
          expect(before.has(target)).toBe(false);
          continue;
        }
        expect(new Set(ids(steps)).size).toBe(steps.length);
        if (up) upSteps += steps.length;
        else downSteps += steps.length;
        const applied = new Set(before);
        for (const step of steps) {
          const id = step.revision.revision;
          if (up) {
            expect(applied.has(id)).toBe(false);
            for (const p of [...graph.parents(id), ...graph.dependencies(id)]) expect(applied.has(p)).toBe(true);
            applied.add(id);
          } else {
            expect(applied.has(id)).toBe(true);
            for (const c of [...graph.children(id), ...graph.dependents(id)]) expect(applied.has(c)).toBe(false);
            applied.delete(id);
          }
        }
        const result = run(graph, rows, steps);
        expect(graph.appliedFrom(result.rows)).toEqual(applied);
        if (up) {
          expect(applied).toEqual(new Set([...before, target, ...graph.ancestors(target)]));
        } else {
          expect(applied.has(target)).toBe(true);
          for (const child of graph.children(target)) expect(applied.has(child)).toBe(false);
        }
        rows = result.rows;
      }
    }
    expect(upSteps).toBeGreaterThan(100);
    expect(downSteps).toBeGreaterThan(100);
  });
});
