import { describe, expect, it } from "vitest";
import { RevisionGraph } from "../../../src/script/index.js";
import { DOCS, docsHeaders, expectError, MERGE, mergeHeaders, rev } from "./fixtures.js";

describe("RevisionGraph structure", () => {
  const graph = new RevisionGraph(docsHeaders());
  const d = DOCS;

  it("finds heads (effective heads included), real heads and bases in file order", () => {
    expect(graph.heads).toEqual([d.cartColumn, d.another, d.ipAccount]);
    expect(graph.realHeads).toEqual([d.cartColumn, d.ipAccount]);
    expect(graph.bases).toEqual([d.account, d.net]);
    expect(graph.size).toBe(9);
  });

  it("finds branch points and merge points", () => {
    expect(graph.branchPoints).toEqual([d.account]);
    expect(graph.mergePoints).toEqual([]);
    const merged = new RevisionGraph(mergeHeaders());
    expect(merged.branchPoints).toEqual([MERGE.base]);
    expect(merged.mergePoints).toEqual([MERGE.merge]);
    expect(merged.heads).toEqual([MERGE.after]);
  });

  it("answers parents, children, dependencies and dependents", () => {
    expect(graph.children(d.account)).toEqual([d.column, d.cart]);
    expect(graph.parents(d.ipAccount)).toEqual([d.dns]);
    expect(graph.dependencies(d.ipAccount)).toEqual([d.another]);
    expect(graph.dependents(d.another)).toEqual([d.ipAccount]);
    expect(graph.labelOwner("networking")).toBe(d.net);
    expect(graph.labelOwner("nope")).toBeNull();
    expect(graph.get(d.dns).message).toBe("add DNS table");
    expect(graph.has(d.dns)).toBe(true);
    expect(graph.has("29f8")).toBe(false);
    expectError(() => graph.get("29f8"), "REVISION_NOT_FOUND", "29f8");
  });

  it("walks ancestors and descendants through downRevision and dependsOn edges", () => {
    expect(graph.ancestors(d.ipAccount)).toEqual([d.account, d.column, d.another, d.net, d.ip, d.dns]);
    expect(graph.ancestors(d.ipAccount, { includeDependencies: false })).toEqual([d.net, d.ip, d.dns]);
    expect(graph.ancestors(d.ipAccount, { includeDependencies: false, inclusive: true })).toEqual([d.net, d.ip, d.dns, d.ipAccount]);
    expect(graph.descendants(d.column)).toEqual([d.another, d.ipAccount]);
    expect(graph.descendants(d.column, { includeDependencies: false })).toEqual([d.another]);
    expect(graph.descendants([d.account, d.cart])).toEqual([d.column, d.cart, d.cartColumn, d.another, d.ipAccount]);
    expect(graph.sharesLineage(d.cartColumn, d.account)).toBe(true);
    expect(graph.sharesLineage(d.cartColumn, d.column)).toBe(false);
  });

  it("resolves a dependsOn that names a branch label", () => {
    const g = new RevisionGraph([rev("aaa1", null, { labels: ["core"] }), rev("bbb1", null, { dependsOn: ["core"] })]);
    expect(g.dependencies("bbb1")).toEqual(["aaa1"]);
    expect(g.heads).toEqual(["aaa1", "bbb1"]);
    expect(g.realHeads).toEqual(["bbb1"]);
  });

  it("builds an empty graph", () => {
    const empty = new RevisionGraph([]);
    expect(empty.heads).toEqual([]);
    expect(empty.resolve("head")).toEqual([]);
    expect(empty.resolve("heads")).toEqual([]);
    expect(empty.planUpgrade([], "head")).toEqual([]);
    expect(empty.walk()).toEqual([]);
  });
});

describe("RevisionGraph validation", () => {
  it("rejects a duplicate revision, naming both files", () => {
    const a = rev("abc1");
    const b = { ...rev("abc1"), path: "/other/abc1.js" };
    expectError(() => new RevisionGraph([a, b]), "DUPLICATE_REVISION", "abc1", "/versions/abc1.ts", "/other/abc1.js");
  });

  it("rejects a downRevision or dependsOn that no file defines, naming the file and the id", () => {
    expectError(() => new RevisionGraph([rev("a1"), rev("b1", "zz9")]), "REVISION_FILE", "/versions/b1.ts", "downRevision", "zz9");
    expectError(() => new RevisionGraph([rev("a1"), rev("b1", "a1", { dependsOn: ["gone"] })]), "REVISION_FILE", "/versions/b1.ts", "dependsOn", "gone");
  });

  it("rejects cycles, naming the revisions in them", () => {
    const e = expectError(() => new RevisionGraph([rev("base1"), rev("c1", ["base1", "c3"]), rev("c2", "c1"), rev("c3", "c2"), rev("tail", "c3")]), "CYCLE");
    expect(e.message).toMatch(/c1 -> c3 -> c2 -> c1|c3 -> c2 -> c1 -> c3|c2 -> c1 -> c3 -> c2/);
    expect(e.message).not.toContain("base1 ");
    expectError(() => new RevisionGraph([rev("self", "self")]), "CYCLE", "self -> self");
    expectError(() => new RevisionGraph([rev("x1", null, { dependsOn: ["y1"] }), rev("y1", "x1")]), "CYCLE", "x1", "y1");
  });

  it("rejects a branch label used twice, or shadowing a revision id", () => {
    expectError(() => new RevisionGraph([rev("a1", null, { labels: ["core"] }), rev("b1", null, { labels: ["core"] })]), "DUPLICATE_REVISION", "core", "/versions/a1.ts", "/versions/b1.ts");
    expectError(() => new RevisionGraph([rev("a1"), rev("b1", null, { labels: ["a1"] })]), "DUPLICATE_REVISION", `"a1"`, "/versions/b1.ts");
  });

  it("rejects ids and labels the identifier grammar reserves", () => {
    expectError(() => new RevisionGraph([rev("heads")]), "REVISION_FILE", "reserved");
    expectError(() => new RevisionGraph([rev("a+1")]), "REVISION_FILE", `"+"`);
    expectError(() => new RevisionGraph([rev("a1", null, { labels: ["base"] })]), "REVISION_FILE", "reserved");
  });
});
