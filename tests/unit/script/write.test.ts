import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { newRevisionId, renderTemplate, slugify, writeFileAtomic } from "../../../src/script/index.js";
import { expectError, expectRejection } from "./fixtures.js";

describe("newRevisionId", () => {
  it("gives 12 lowercase hex digits, different each time", () => {
    const ids = new Set(Array.from({ length: 200 }, newRevisionId));
    expect(ids.size).toBe(200);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{12}$/);
  });
});

describe("slugify", () => {
  it("lowercases and keeps [a-z0-9_]", () => {
    expect(slugify("Create Users")).toBe("create_users");
    expect(slugify("  add  'email' -> users!! ")).toBe("add_email_users");
    expect(slugify("Café naïve Übung")).toBe("cafe_naive_ubung");
    expect(slugify("???")).toBe("");
  });

  it("stays within 40 characters, cutting at a word boundary", () => {
    const slug = slugify("add the billing address columns to the customers table");
    expect(slug).toBe("add_the_billing_address_columns_to_the");
    expect(slug.length).toBeLessThanOrEqual(40);
    expect(slugify("x".repeat(60))).toBe("x".repeat(40));
    expect(slugify("a".repeat(39) + " b")).toBe("a".repeat(39));
  });
});

describe("renderTemplate", () => {
  it("fills placeholders, with or without spaces, once", () => {
    expect(renderTemplate("rev ${revision} <- ${ downRevision }; ${revision}", { revision: "abc", downRevision: "${revision}" })).toBe(
      "rev abc <- ${revision}; abc",
    );
  });

  it("writes $${ as a literal ${", () => {
    expect(renderTemplate("const s = `$${x}`; // ${name}", { name: "n" })).toBe("const s = `${x}`; // n");
  });

  it("names an unknown placeholder", () => {
    expectError(() => renderTemplate("a ${message} ${upgrades}", { message: "m" }), "TEMPLATE", "${upgrades}", "message");
  });
});

describe("writeFileAtomic", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "athanor-write-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("writes a new file and leaves no temporary file behind", async () => {
    const path = join(dir, "abc_new.ts");
    await writeFileAtomic(path, "export const revision = 'abc';\n");
    expect(await readFile(path, "utf8")).toBe("export const revision = 'abc';\n");
    expect(await readdir(dir)).toEqual(["abc_new.ts"]);
  });

  it("refuses to overwrite an existing file, keeping its content", async () => {
    const path = join(dir, "taken.ts");
    await writeFile(path, "original");
    await expectRejection(writeFileAtomic(path, "replacement"), "REVISION_FILE", path);
    expect(await readFile(path, "utf8")).toBe("original");
    expect(await readdir(dir)).toEqual(["taken.ts"]);
  });

  it("replaces a file when asked to", async () => {
    const path = join(dir, "cache.json");
    await writeFile(path, "old");
    await writeFileAtomic(path, "new", { overwrite: true });
    expect(await readFile(path, "utf8")).toBe("new");
    expect(await readdir(dir)).toEqual(["cache.json"]);
  });

  it("fails cleanly when the directory does not exist", async () => {
    await expect(writeFileAtomic(join(dir, "missing", "x.ts"), "x")).rejects.toThrow(/ENOENT/);
  });
});
