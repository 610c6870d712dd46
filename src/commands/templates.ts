import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { AthanorError } from "../errors.js";

/** The package's templates/ folder (dist/commands → ../../templates). */
export function templatesRoot(): string {
  return join(dirname(fileURLToPath(import.meta.url)), "..", "..", "templates");
}

export interface TemplateInfo {
  readonly name: string;
  readonly description: string;
}

export function listTemplates(): TemplateInfo[] {
  const root = templatesRoot();
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => {
      const readme = join(root, d.name, "README");
      return { name: d.name, description: existsSync(readme) ? readFileSync(readme, "utf8").trim() : "" };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

export function templateDir(name: string): string {
  const dir = join(templatesRoot(), name);
  if (!existsSync(dir)) {
    const names = listTemplates().map((t) => t.name).join(", ");
    throw new AthanorError("USAGE", `no template named "${name}"; available: ${names}`);
  }
  return dir;
}
