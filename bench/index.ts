/**
 * Runs the performance benchmarks one after another (each in its own process, so none
 * inherits another's warm JIT or open sockets):
 *
 *   npm run bench               # library-path, gateway-overhead, streaming (≈6 minutes)
 *   npm run bench -- --quick    # short runs, for a smoke test
 *
 * Other benchmarks (routing quality, devtools) have their own commands; see BENCHMARKS.md.
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const scripts = ["library-path.ts", "gateway-overhead.ts", "streaming.ts"];
const extra = process.argv.slice(2);
const tsx = import.meta.resolve("tsx");
let failed = 0;
for (const s of scripts) {
  console.log(`\n=== bench/${s} ${extra.join(" ")}`);
  const r = spawnSync(process.execPath, ["--import", tsx, fileURLToPath(new URL(`./${s}`, import.meta.url)), ...extra], { stdio: "inherit" });
  if (r.status !== 0) failed++;
}
process.exit(failed === 0 ? 0 : 1);
