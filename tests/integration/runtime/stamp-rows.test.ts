/** stamp's version rows, in memory: replace the stamped line of descent, keep other branches, purge, base. */
import { describe, expect, it } from "vitest";
import { stampRows } from "../../../src/runtime/stamp-rows.js";
import { RevisionGraph } from "../../../src/script/index.js";
import { rev } from "../../unit/script/fixtures.js";

// a -> b -> c, and a -> x -> y (a branch)
const graph = new RevisionGraph([rev("a"), rev("b", "a"), rev("c", "b"), rev("x", "a"), rev("y", "x")]);

describe("stampRows", () => {
  it("replaces the row on the stamped line and keeps the other branch", () => {
    expect(stampRows(graph, ["b", "x"], ["c"], false)).toEqual(["c", "x"]);
    expect(stampRows(graph, ["c", "y"], ["a"], false)).toEqual(["a"]); // a is an ancestor of both rows
    expect(stampRows(graph, [], ["c", "y"], false)).toEqual(["c", "y"]);
  });

  it("base empties the table; --purge drops rows no file defines", () => {
    expect(stampRows(graph, ["c", "y"], ["base"], false)).toEqual([]);
    expect(() => stampRows(graph, ["gone"], ["c"], false)).toThrow(/no revision file defines.*stamp --purge/);
    expect(stampRows(graph, ["gone"], ["c"], true)).toEqual(["c"]);
  });

  it("refuses two targets on one line of descent", () => {
    expect(() => stampRows(graph, [], ["b", "c"], false)).toThrow(/cannot stamp both b and c/);
  });
});
