import { describe, expect, it } from "vitest";
import { parseRange, parseRelative, RevisionGraph } from "../../../src/script/index.js";
import { DOCS, docsHeaders, expectError, LINE, lineHeaders, MERGE, mergeHeaders } from "./fixtures.js";

const d = DOCS;
const docs = new RevisionGraph(docsHeaders());
const line = new RevisionGraph(lineHeaders());
const merged = new RevisionGraph(mergeHeaders());

describe("resolve: names", () => {
  it("resolves full ids, unique prefixes and branch labels", () => {
    expect(docs.resolve(d.dns)).toEqual([d.dns]);
    expect(docs.resolve("29f")).toEqual([d.dns]);
    expect(docs.resolve("19")).toEqual([d.account]);
    expect(docs.resolve("  ae10 ")).toEqual([d.column]);
    expect(docs.resolve("shoppingcart")).toEqual([d.cart]);
    expect(docs.resolve("networking")).toEqual([d.net]);
  });

  it("lists the candidates of an ambiguous prefix", () => {
    expectError(() => docs.resolve("2"), "REVISION_AMBIGUOUS", d.cart, d.dns, d.ipAccount);
    expectError(() => docs.resolve("1"), "REVISION_AMBIGUOUS", d.ip, d.account);
  });

  it("reports unknown names, with a hint for short prefixes", () => {
    expectError(() => docs.resolve("ffff"), "REVISION_NOT_FOUND", `"ffff"`);
    expectError(() => docs.resolve("ff"), "REVISION_NOT_FOUND", "enough characters");
    expectError(() => docs.resolve(""), "USAGE");
    expectError(() => docs.resolve("a:b"), "USAGE", "range");
  });

  it("resolves head, heads, base and current", () => {
    expect(line.resolve("head")).toEqual([LINE[4]]);
    expect(docs.resolve("heads")).toEqual([d.cartColumn, d.another, d.ipAccount]);
    expect(docs.resolve("base")).toEqual([]);
    expect(docs.resolve("current", [d.dns, d.column])).toEqual([d.dns, d.column]);
    expect(docs.resolve("current", [])).toEqual([]);
    expect(docs.resolveOne("base")).toBeNull();
    expect(docs.resolveOne("29f8")).toBe(d.dns);
    expectError(() => docs.resolveOne("heads"), "MULTIPLE_HEADS");
  });

  it("refuses head with several heads, naming them and the ways out", () => {
    const e = expectError(() => docs.resolve("head"), "MULTIPLE_HEADS", d.cartColumn, d.another, d.ipAccount);
    expect(e.message).toContain(`"heads"`);
    expect(e.message).toContain("merge");
    expect(e.message).toContain("@head");
  });

  it("rejects current heads that no file defines", () => {
    expectError(() => docs.resolve("current", ["deadbeef0000"]), "REVISION_NOT_FOUND", "deadbeef0000");
  });
});

describe("resolve: branch@ forms", () => {
  it("resolves <label>@head and <rev>@head to the head of that line", () => {
    expect(docs.resolve("shoppingcart@head")).toEqual([d.cartColumn]);
    expect(docs.resolve("networking@head")).toEqual([d.ipAccount]);
    expect(docs.resolve("ae10@head")).toEqual([d.another]);
    expect(docs.resolve(`${d.cartColumn}@head`)).toEqual([d.cartColumn]);
  });

  it("refuses <rev>@head when the line itself has several heads", () => {
    expectError(() => docs.resolve("1975@head"), "MULTIPLE_HEADS", d.cartColumn, d.another, "1975@heads");
    expect(docs.resolve("1975@heads")).toEqual([d.cartColumn, d.another]);
  });

  it("resolves <label>@base to base scoped to the label", () => {
    expect(docs.resolve("networking@base")).toEqual([]);
  });

  it("resolves <branch>@<rev> only for revisions on that branch", () => {
    expect(docs.resolve("shoppingcart@d747")).toEqual([d.cartColumn]);
    expect(docs.resolve("networking@2a")).toEqual([d.ipAccount]);
    expect(docs.resolve("shoppingcart@2")).toEqual([d.cart]);
    const e = expectError(() => docs.resolve("networking@2"), "REVISION_AMBIGUOUS", d.dns, d.ipAccount);
    expect(e.message).not.toContain(d.cart);
    expectError(() => docs.resolve(`shoppingcart@${d.column}`), "REVISION_NOT_FOUND", "not on branch");
  });

  it("rejects unknown branches and reserved names before @", () => {
    expectError(() => docs.resolve("nosuch@head"), "REVISION_NOT_FOUND", "nosuch");
    expectError(() => docs.resolve("head@head"), "USAGE");
    expectError(() => docs.resolve("@head"), "USAGE", "no branch");
    expectError(() => docs.resolve("@+1"), "USAGE", "no branch");
    expectError(() => docs.resolve("shoppingcart@"), "USAGE", "no revision");
  });
});

describe("resolve: relative forms", () => {
  it("counts +N from the single current head, or from base", () => {
    expect(line.resolve("+1")).toEqual([LINE[0]]);
    expect(line.resolve("+2", [LINE[1]])).toEqual([LINE[3]]);
    expect(line.resolve("+0", [LINE[1]])).toEqual([LINE[1]]);
    expectError(() => line.resolve("+3", [LINE[3]]), "REVISION_NOT_FOUND", "only 1");
  });

  it("counts -N from the single current head, ending at base", () => {
    expect(line.resolve("-1", [LINE[3]])).toEqual([LINE[2]]);
    expect(line.resolve("-4", [LINE[3]])).toEqual([]);
    expectError(() => line.resolve("-5", [LINE[3]]), "REVISION_NOT_FOUND", "past base");
    expectError(() => line.resolve("-1", []), "REVISION_NOT_FOUND", "nothing to step back");
  });

  it("resolves head-N, <rev>+N, <rev>-N and base+N", () => {
    expect(line.resolve("head-2")).toEqual([LINE[2]]);
    expect(line.resolve("1b22+2")).toEqual([LINE[3]]);
    expect(line.resolve("3d-3")).toEqual([LINE[0]]);
    expect(line.resolve("base+1")).toEqual([LINE[0]]);
    expect(docs.resolve("networking@head-2")).toEqual([d.ip]);
    expect(docs.resolve("shoppingcart@base+1")).toEqual([d.account]);
    expect(docs.resolve("shoppingcart@base+2")).toEqual([d.cart]);
  });

  it("refuses walks across a branch point or a merge point", () => {
    expectError(() => docs.resolve("+2", [d.account].slice(0, 0)), "REVISION_AMBIGUOUS", "base branches into");
    expectError(() => docs.resolve("1975+1"), "REVISION_AMBIGUOUS", d.column, d.cart);
    expectError(() => merged.resolve("-1", [MERGE.merge]), "REVISION_AMBIGUOUS", MERGE.left, MERGE.right);
    expectError(() => merged.resolve("head-2"), "REVISION_AMBIGUOUS", "merges");
  });

  it("refuses +N/-N with several current heads, suggesting the branch forms", () => {
    expectError(() => docs.resolve("+1", [d.column, d.cart]), "MULTIPLE_HEADS", "@+N");
    expectError(() => docs.resolve("-1", [d.column, d.cart]), "MULTIPLE_HEADS", `"${d.column}@-1"`);
  });

  it("counts <label>@+N / <rev>@-N from the current head on that branch", () => {
    expect(docs.resolve("shoppingcart@+1", [d.account])).toEqual([d.cart]);
    expect(docs.resolve("shoppingcart@+2", [d.account])).toEqual([d.cartColumn]);
    expect(docs.resolve("shoppingcart@+1", [d.cart, d.column])).toEqual([d.cartColumn]);
    expect(docs.resolve("networking@+2", [d.cart])).toEqual([d.ip]);
    expect(docs.resolve("ae10@-1", [d.column, d.cart])).toEqual([d.account]);
    expect(docs.resolve(`${d.cart}@-2`, [d.column, d.cart])).toEqual([]);
    expectError(() => docs.resolve("networking@-1", [d.cart]), "REVISION_NOT_FOUND", "nothing to step back");
  });

  it("counts <label>@+N from a branch whose line continues inside another branch's rows", () => {
    // Only 2a95 is current: networking's newest applied revision is 2a95, its account line ends at 55af.
    expect(docs.resolve("ae10@+0", [d.ipAccount])).toEqual([d.another]);
  });
});

describe("parseRange and parseRelative", () => {
  it("splits ranges", () => {
    expect(parseRange("a:b")).toEqual({ from: "a", to: "b" });
    expect(parseRange(":shoppingcart@head")).toEqual({ from: null, to: "shoppingcart@head" });
    expect(parseRange("current:")).toEqual({ from: "current", to: null });
    expect(parseRange(":")).toEqual({ from: null, to: null });
    expectError(() => parseRange("abc"), "USAGE", "from:to");
    expectError(() => parseRange("a:b:c"), "USAGE");
  });

  it("splits relative identifiers", () => {
    expect(parseRelative("+2")).toEqual({ branch: null, symbol: null, delta: 2 });
    expect(parseRelative("head-1")).toEqual({ branch: null, symbol: "head", delta: -1 });
    expect(parseRelative("my-branch@head-3")).toEqual({ branch: "my-branch", symbol: "head", delta: -3 });
    expect(parseRelative("cart@+1")).toEqual({ branch: "cart", symbol: null, delta: 1 });
    expect(parseRelative("ae10")).toBeNull();
    expect(parseRelative("my-branch")).toBeNull();
  });
});
