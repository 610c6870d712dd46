import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { AthanorError } from "../errors.js";
import { renderTemplate, writeFileAtomic } from "../script/index.js";
import { templateDir } from "./templates.js";

export interface InitOptions {
  readonly template?: string;
  readonly cwd?: string;
}

export interface InitResult {
  readonly written: readonly string[];
  /** True when athanor.config.ts already existed and was left as it was. */
  readonly configKept: boolean;
}

/** `athanor init <dir>`: the migration environment (script template, versions/) and, when absent, athanor.config.ts. */
export async function init(directory = "migrations", options: InitOptions = {}): Promise<InitResult> {
  const cwd = options.cwd ?? process.cwd();
  const src = templateDir(options.template ?? "generic");
  const target = resolve(cwd, directory);
  if (existsSync(target) && readdirSync(target).length > 0) {
    throw new AthanorError("USAGE", `directory ${target} already exists and is not empty; choose another directory or empty it`, { file: target });
  }
  const written: string[] = [];
  mkdirSync(join(target, "versions"), { recursive: true });
  written.push(join(target, "versions") + "/");
  const scriptTemplate = join(target, "script.ts.tmpl");
  await writeFileAtomic(scriptTemplate, readFileSync(join(src, "script.ts.tmpl"), "utf8"));
  written.push(scriptTemplate);
  const configFile = join(cwd, "athanor.config.ts");
  const configKept = existsSync(configFile);
  if (!configKept) {
    const text = renderTemplate(readFileSync(join(src, "athanor.config.ts.tmpl"), "utf8"), {
      scriptLocation: relative(cwd, target).split("\\").join("/") || ".",
    });
    await writeFileAtomic(configFile, text);
    written.push(configFile);
  }
  return { written, configKept };
}
