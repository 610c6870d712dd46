import { describe, expect, it } from "vitest";
import { parseRevisionHeader } from "../../../src/script/index.js";
import { expectError } from "./fixtures.js";

const TEMPLATE_OUTPUT = `/**
 * add projects
 *
 * Revision ID: 4b1f0c2d9e7a
 * Revises: 9c3d2e1f0a8b
 * Create Date: 2026-11-22T05:40:00Z
 */
import type { Operations } from "athanor";

export const revision = "4b1f0c2d9e7a";
export const downRevision: string | string[] | null = "9c3d2e1f0a8b";
export const branchLabels: string[] | null = null;
export const dependsOn: string[] | null = null;

export async function upgrade(op: Operations): Promise<void> {
  await op.addColumn("projects", "owner", { type: "text" });
}
export async function downgrade(op: Operations): Promise<void> {
  await op.dropColumn("projects", "owner");
}
`;

describe("parseRevisionHeader", () => {
  it("reads the file the template writes", () => {
    expect(parseRevisionHeader(TEMPLATE_OUTPUT, "/m/versions/4b1f0c2d9e7a_add_projects.ts")).toEqual({
      revision: "4b1f0c2d9e7a",
      downRevisions: ["9c3d2e1f0a8b"],
      branchLabels: [],
      dependsOn: [],
      message: "add projects",
      createDate: "2026-11-22T05:40:00Z",
      path: "/m/versions/4b1f0c2d9e7a_add_projects.ts",
    });
  });

  it("accepts single quotes, no annotations, multi-line arrays with trailing commas, and strings for lists", () => {
    const text = `/** merge heads */
export const revision = 'abc123';
export const downRevision = [
  'def456', // the account branch
  "fed654",
];
export let branchLabels = "reporting";
export var dependsOn: ReadonlyArray<string> | null = ['aaa111', 'bbb222',] as const;
`;
    const header = parseRevisionHeader(text, "x.ts");
    expect(header.revision).toBe("abc123");
    expect(header.downRevisions).toEqual(["def456", "fed654"]);
    expect(header.branchLabels).toEqual(["reporting"]);
    expect(header.dependsOn).toEqual(["aaa111", "bbb222"]);
    expect(header.message).toBe("merge heads");
    expect(header.createDate).toBeNull();
  });

  it("treats null, undefined and [] downRevision as a base and defaults the optional exports", () => {
    for (const value of ["null", "undefined", "[]"]) {
      const header = parseRevisionHeader(`export const revision = "r1";\nexport const downRevision = ${value};\n`, "r1.ts");
      expect(header.downRevisions).toEqual([]);
      expect(header.branchLabels).toEqual([]);
      expect(header.dependsOn).toEqual([]);
    }
  });

  it("decodes escapes and template literals without substitutions", () => {
    const header = parseRevisionHeader("export const revision = `r\\u0031`;\nexport const downRevision = \"a\\x62c\";", "f.ts");
    expect(header.revision).toBe("r1");
    expect(header.downRevisions).toEqual(["abc"]);
  });

  it("is not fooled by declarations inside comments, strings, templates and regexes", () => {
    const text = `#!/usr/bin/env node
// export const revision = "commented";
/* export const downRevision = "blocked"; */
const decoy = "export const revision = 'in a string'";
const re = /["'\`]export const revision = "regex"/g;
const tpl = \`\${decoy} export const revision = "templated" \${\`nested \${re}\`}\`;
export const revision = "real01";
export const downRevision: string | null = "parent01";
export async function upgrade(): Promise<void> {
  const x = \`export const dependsOn = ["nope"]\`;
}
`;
    const header = parseRevisionHeader(text, "decoy.ts");
    expect(header.revision).toBe("real01");
    expect(header.downRevisions).toEqual(["parent01"]);
    expect(header.dependsOn).toEqual([]);
    expect(header.message).toBe("");
  });

  it("takes the message from the first non-empty doc line, after a BOM, shebang or line comments", () => {
    const text = `\uFEFF// @ts-nocheck
/**
 *
 *   Add the orders table  
 *
 * Second paragraph.
 * Create Date:   2026-01-02 03:04:05  
 */
export const revision = "o1";
export const downRevision = null;`;
    const header = parseRevisionHeader(text, "o1.ts");
    expect(header.message).toBe("Add the orders table");
    expect(header.createDate).toBe("2026-01-02 03:04:05");
  });

  it("gives an empty message when the doc comment has only header fields, or the first comment is not a doc comment", () => {
    expect(parseRevisionHeader(`/**\n * Revision ID: r\n */\nexport const revision = "r"; export const downRevision = null;`, "r.ts").message).toBe("");
    expect(parseRevisionHeader(`/* plain */\nexport const revision = "r"; export const downRevision = null;`, "r.ts").message).toBe("");
    expect(parseRevisionHeader(`import x from "y";\n/** late */\nexport const revision = "r"; export const downRevision = null;`, "r.ts").message).toBe("");
  });

  it("names the file and every missing export", () => {
    expectError(() => parseRevisionHeader(`export const downRevision = null;`, "/v/a.ts"), "REVISION_FILE", "/v/a.ts", "`export const revision`");
    const both = expectError(() => parseRevisionHeader(`export const something = 1;`, "/v/b.ts"), "REVISION_FILE", "/v/b.ts");
    expect(both.message).toContain("`export const revision` and `export const downRevision`");
    expectError(() => parseRevisionHeader(`export const revision = "r";`, "/v/c.ts"), "REVISION_FILE", "/v/c.ts", "downRevision");
  });

  it("rejects values it cannot read statically", () => {
    expectError(() => parseRevisionHeader(`const id = "x"; export const revision = id; export const downRevision = null;`, "/v/d.ts"), "REVISION_FILE", "/v/d.ts", "`revision` must be a string literal");
    expectError(() => parseRevisionHeader(`export const revision = ["a"]; export const downRevision = null;`, "/v/e.ts"), "REVISION_FILE", "`revision`");
    expectError(() => parseRevisionHeader(`export const revision = "r"; export const downRevision = [parent];`, "/v/f.ts"), "REVISION_FILE", "`downRevision`");
    expectError(() => parseRevisionHeader(`export const revision = "r"; export const downRevision = ["a" "b"];`, "/v/f.ts"), "REVISION_FILE", "`downRevision`");
    expectError(() => parseRevisionHeader(`export const revision = \`r\${1}\`; export const downRevision = null;`, "/v/g.ts"), "REVISION_FILE");
    expectError(() => parseRevisionHeader(`export const revision = "r"; export const downRevision = [""];`, "/v/h.ts"), "REVISION_FILE", "empty string");
  });

  it("rejects ids and labels that the identifier grammar reserves, and duplicate declarations", () => {
    expectError(() => parseRevisionHeader(`export const revision = "ab-12"; export const downRevision = null;`, "/v/i.ts"), "REVISION_FILE", "/v/i.ts", `"-"`);
    expectError(() => parseRevisionHeader(`export const revision = "head"; export const downRevision = null;`, "/v/j.ts"), "REVISION_FILE", "reserved");
    expectError(() => parseRevisionHeader(`export const revision = "r"; export const downRevision = null; export const branchLabels = ["a@b"];`, "/v/k.ts"), "REVISION_FILE", "branch label");
    expectError(() => parseRevisionHeader(`export const revision = "r"; export const downRevision = null; export const branchLabels = ["v-2"];`, "/v/k.ts"), "REVISION_FILE", "relative step");
    expectError(() => parseRevisionHeader(`export const revision = "r"; export const revision = "s"; export const downRevision = null;`, "/v/l.ts"), "REVISION_FILE", "twice");
  });

  it("returns frozen headers with duplicates removed", () => {
    const header = parseRevisionHeader(`export const revision = "m"; export const downRevision = ["a", "b", "a"];`, "m.ts");
    expect(header.downRevisions).toEqual(["a", "b"]);
    expect(Object.isFrozen(header)).toBe(true);
    expect(Object.isFrozen(header.downRevisions)).toBe(true);
  });
});
