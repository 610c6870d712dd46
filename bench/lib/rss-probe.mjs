// Preloaded (node --import) when GNU time is missing: writes this process's peak RSS in KB at exit.
import { writeFileSync } from "node:fs";

process.on("exit", () => {
  const file = process.env.BENCH_RSS_FILE;
  if (file) writeFileSync(file, String(process.resourceUsage().maxRSS));
});
