/**
 * Runs the performance benchmarks against the built packages (what npm users run): builds
 * them with `tsc`, then runs each script in its own process (so none inherits another's
 * warm JIT or open sockets), with `@switchyard/*` resolved to `dist/`.
 *
 *   npm run bench                                # library-path, gateway-overhead, streaming (≈15 minutes)
 *   npm run bench -- gateway-overhead            # one of them (or several)
 *   npm run bench -- profile/gateway-hot-path    # any script under bench/, with its own options after it
 *   npm run bench -- --quick                     # short runs, for a smoke test
 *   npm run bench -- --pin                       # each measured process on its own core (to compare builds)
 *
 * Other benchmarks (routing quality, devtools) have their own commands; see BENCHMARKS.md.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { buildPackages, DIST_CONDITION } from "./lib/built-packages.js";

// `pnpm bench -- x` passes the `--` through (npm drops it); it is never an option of ours.
const args = process.argv.slice(2).filter((a) => a !== "--");
const named = args.filter((a) => !a.startsWith("-") && existsSync(fileURLToPath(new URL(`./${a}.ts`, import.meta.url))));
const options = args.filter((a) => !named.includes(a));
const scripts = named.length > 0 ? named : ["library-path", "gateway-overhead", "streaming"];
const tsx = import.meta.resolve("tsx");

buildPackages();
let failed = 0;
for (const s of scripts) {
  console.log(`\n=== bench/${s}.ts ${options.join(" ")} (built packages)`);
  const r = spawnSync(process.execPath, [DIST_CONDITION, "--import", tsx, fileURLToPath(new URL(`./${s}.ts`, import.meta.url)), ...options], { stdio: "inherit" });
  if (r.status !== 0) failed++;
}
process.exit(failed === 0 ? 0 : 1);
