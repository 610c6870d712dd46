/** Command-line options of bench/run.mjs, with defaults sized so the whole run stays under 15 minutes. */
import { DIALECTS } from "./databases.mjs";

export const USAGE = `npm run bench -- [options]

  --sizes=100,500,1000          schema sizes (tables)
  --dialects=postgresql,mysql,sqlite
  --only=startup,history,chain,schema
  --runs=3                      runs per measurement (median reported)
  --heavy-runs=1                runs of full-schema upgrades and drizzle-kit's initial push
  --startup-runs=10             runs of the start-up commands
  --drizzle-runs=1              runs of drizzle-kit's no-op push and pull (minutes each on PostgreSQL)
  --drizzle-max-n=postgresql:100  largest N per dialect for drizzle-kit (default: all, but 100 on PostgreSQL)
  --chains=100,1000             chain lengths for upgrade head
  --chain-dialects=sqlite,postgresql
  --history-files=10000         revision files for heads / history
  --no-alembic, --no-drizzle    leave a tool out
  --quick                       N = 100, chains of 100, 1,000 files, one run each
  --update-readme               write the result tables into README.md's Benchmark section
  --no-save                     print only; write nothing under bench/results/
`;

const SUITES = ["startup", "history", "chain", "schema"];

const list = (v) => v.split(",").map((s) => s.trim()).filter(Boolean);
const numbers = (v) => list(v).map((s) => {
  const n = Number(s.replace(/_/g, ""));
  if (!Number.isInteger(n) || n < 1) throw new Error(`not a positive integer: ${s}`);
  return n;
});

export function parseOptions(argv) {
  const o = {
    sizes: [100, 500, 1000],
    dialects: [...DIALECTS],
    only: [...SUITES],
    runs: 3,
    heavyRuns: 1,
    startupRuns: 10,
    drizzleRuns: 1,
    drizzleMaxN: { postgresql: 100, mysql: Infinity, sqlite: Infinity },
    chains: [100, 1000],
    chainDialects: ["sqlite", "postgresql"],
    historyFiles: 10_000,
    alembic: true,
    drizzle: true,
    save: true,
    updateReadme: false,
    help: false,
  };
  for (const arg of argv) {
    const [key, value = ""] = arg.replace(/^--/, "").split(/=(.*)/s);
    switch (key) {
      case "sizes": o.sizes = numbers(value); break;
      case "dialects": o.dialects = checkDialects(list(value)); break;
      case "only":
        o.only = list(value);
        for (const s of o.only) if (!SUITES.includes(s)) throw new Error(`unknown suite ${s} (one of ${SUITES.join(", ")})`);
        break;
      case "runs": [o.runs] = numbers(value); break;
      case "heavy-runs": [o.heavyRuns] = numbers(value); break;
      case "startup-runs": [o.startupRuns] = numbers(value); break;
      case "drizzle-runs": [o.drizzleRuns] = numbers(value); break;
      case "drizzle-max-n":
        for (const pair of list(value)) {
          const [d, n] = pair.split(":");
          checkDialects([d]);
          o.drizzleMaxN[d] = n === "all" ? Infinity : numbers(n)[0];
        }
        break;
      case "chains": o.chains = numbers(value); break;
      case "chain-dialects": o.chainDialects = checkDialects(list(value)); break;
      case "history-files": [o.historyFiles] = numbers(value); break;
      case "no-alembic": o.alembic = false; break;
      case "no-drizzle": o.drizzle = false; break;
      case "no-save": o.save = false; break;
      case "update-readme": o.updateReadme = true; break;
      case "quick":
        Object.assign(o, { sizes: [100], chains: [100], historyFiles: 1000, runs: 1, heavyRuns: 1, startupRuns: 3 });
        break;
      case "help": case "h": o.help = true; break;
      default: throw new Error(`unknown option ${arg}\n\n${USAGE}`);
    }
  }
  return o;
}

function checkDialects(names) {
  for (const d of names) if (!DIALECTS.includes(d)) throw new Error(`unknown dialect ${d} (one of ${DIALECTS.join(", ")})`);
  return names;
}
