/** Writes the latest tables into README.md between two markers, leaving the rest of the file alone. */
import { readFileSync, writeFileSync } from "node:fs";

const START = "<!-- bench:results:start -->";
const END = "<!-- bench:results:end -->";

export function updateReadme(file, markdown, resultFile) {
  const text = readFileSync(file, "utf8");
  const a = text.indexOf(START);
  const b = text.indexOf(END);
  if (a < 0 || b < a) throw new Error(`${file} has no ${START} … ${END} markers in its Benchmark section`);
  // The README's headings are ## and ###; the tables' own ### headings go one level down.
  const body = markdown.replace(/^### /gm, "#### ");
  writeFileSync(file, `${text.slice(0, a + START.length)}\n_Latest run: [${resultFile}](${resultFile})._\n\n${body}\n${text.slice(b)}`);
}
