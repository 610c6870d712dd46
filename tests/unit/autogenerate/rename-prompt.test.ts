import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import type { RenameCandidate } from "../../../src/autogenerate/renames.js";
import { askRename, terminalRenameResolver } from "../../../src/cli/rename-prompt.js";

function terminal(answers: readonly string[], tty = true) {
  const input = Object.assign(new PassThrough(), { isTTY: tty });
  const output = Object.assign(new PassThrough(), { isTTY: tty });
  let shown = "";
  output.on("data", (d) => {
    shown += String(d);
    // Answer each prompt as it appears, the way a person would.
    if (/Choice \[.*\]: $/.test(shown) && answers.length > 0) input.write(`${(answers as string[]).shift()}\n`);
  });
  return { streams: { input, output }, shown: () => shown };
}

const candidate: RenameCandidate = { kind: "column", schema: null, table: "users", to: "full_name", from: ["name", "nick"] };

describe("the rename prompt", () => {
  it("is not offered without a terminal: autogenerate then never waits for input", () => {
    expect(terminalRenameResolver(terminal([], false).streams)).toBeUndefined();
    expect(terminalRenameResolver(terminal([], true).streams)).toBeTypeOf("function");
  });

  it("lists the candidates and returns the one picked by number", async () => {
    const t = terminal(["2"]);
    expect(await askRename(candidate, t.streams)).toBe("nick");
    expect(t.shown()).toContain("column users.full_name is new");
    expect(t.shown()).toContain("1) renamed from name");
    expect(t.shown()).toContain("2) renamed from nick");
  });

  it("Enter or n means not a rename; a wrong answer asks again", async () => {
    expect(await askRename(candidate, terminal([""]).streams)).toBeNull();
    const t = terminal(["7", "n"]);
    expect(await askRename(candidate, t.streams)).toBeNull();
    expect(t.shown()).toContain("please answer a number from 1 to 2, or n");
  });

  it("y accepts the only candidate", async () => {
    expect(await askRename({ ...candidate, kind: "table", table: "members", to: "members", from: ["users"] }, terminal(["y"]).streams)).toBe("users");
  });
});
