import { describe, expect, it } from "vitest";
import { RevisionGraph } from "../../../src/script/index.js";
import type { HistoryEntry } from "../../../src/script/index.js";
import { DOCS, docsHeaders, expectError, MERGE, mergeHeaders } from "./fixtures.js";

const d = DOCS;
const docs = new RevisionGraph(docsHeaders());
const ids = (entries: readonly HistoryEntry[]): string[] => entries.map((e) => e.revision.revision);

describe("walk (history)", () => {
  it("lists everything newest first, children before parents", () => {
    const all = ids(docs.walk());
    expect(all).toHaveLength(9);
    for (const id of all) {
      for (const parent of [...docs.parents(id), ...docs.dependencies(id)]) expect(all.indexOf(id)).toBeLessThan(all.indexOf(parent));
    }
  });

  it("limits to :<label>@head, pulling in dependencies (docs: history -r :networking@head)", () => {
    expect(ids(docs.walk(":networking@head"))).toEqual([d.ipAccount, d.dns, d.ip, d.net, d.another, d.column, d.account]);
  });

  it("limits to <label>@base:, leaving dependencies out (docs: history -r networking@base:)", () => {
    expect(ids(docs.walk("networking@base:"))).toEqual([d.ipAccount, d.dns, d.ip, d.net]);
  });

  it("includes the shared base's other branch for <label>@base: (docs: history -r shoppingcart@base:)", () => {
    expect(new Set(ids(docs.walk("shoppingcart@base:")))).toEqual(new Set([d.cartColumn, d.cart, d.another, d.column, d.account]));
  });

  it("starts at a label inclusively (docs: history -r shoppingcart:)", () => {
    expect(ids(docs.walk("shoppingcart:"))).toEqual([d.cartColumn, d.cart]);
  });

  it("accepts current and relative ends", () => {
    expect(ids(docs.walk("current:", [d.cart]))).toEqual([d.cartColumn, d.cart]);
    expect(ids(docs.walk("current:shoppingcart@+1", [d.account]))).toEqual([d.cart, d.account]);
    expect(ids(docs.walk(":current", []))).toEqual([]);
    expect(ids(docs.walk(`${d.ip}:${d.dns}`))).toEqual([d.dns, d.ip]);
  });

  it("rejects a range whose start is not below its end", () => {
    expectError(() => docs.walk(`${d.cart}:${d.another}`), "USAGE", "not an ancestor");
    expectError(() => docs.walk("heads"), "USAGE", "from:to");
  });

  it("marks heads, effective heads, bases, branch points, merge points and current revisions", () => {
    const byId = new Map(docs.walk("", [d.dns]).map((e) => [e.revision.revision, e]));
    expect(byId.get(d.cartColumn)).toMatchObject({ isHead: true, isEffectiveHead: false, isBase: false, isCurrent: false });
    expect(byId.get(d.another)).toMatchObject({ isHead: true, isEffectiveHead: true });
    expect(byId.get(d.account)).toMatchObject({ isBase: true, isBranchPoint: true, children: [d.column, d.cart] });
    expect(byId.get(d.dns)).toMatchObject({ isCurrent: true, isHead: false });
    const merge = new RevisionGraph(mergeHeaders()).entry(MERGE.merge);
    expect(merge).toMatchObject({ isMergePoint: true, isBranchPoint: false, isHead: false });
  });

  it("propagates branch labels to descendants and back to the branch point (docs)", () => {
    const labels = new Map(docs.walk().map((e) => [e.revision.revision, e.branchLabels]));
    expect(labels.get(d.cart)).toEqual(["shoppingcart"]);
    expect(labels.get(d.cartColumn)).toEqual(["shoppingcart"]);
    expect(labels.get(d.account)).toEqual([]);
    expect(labels.get(d.ipAccount)).toEqual(["networking"]);
    expect(labels.get(d.another)).toEqual([]);
  });

  it("gives a revision's lineage, newest first", () => {
    expect(ids(docs.lineage(d.ipAccount))).toEqual([d.ipAccount, d.dns, d.ip, d.net, d.another, d.column, d.account]);
    expect(ids(docs.lineage(d.account))).toEqual([d.account]);
  });
});
