import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

/**
 * The Node flag that makes `@switchyard/*` imports load each package's `tsc` build
 * (`dist/`, what npm users run) instead of its TypeScript sources through tsx. Every
 * package's `exports` map lists `dist/` under this condition.
 * @example
 * spawn(process.execPath, [DIST_CONDITION, "--import", tsx, script]);
 */
export const DIST_CONDITION = "--conditions=switchyard-dist";

/** Whether this process loads the built packages (it was started with {@link DIST_CONDITION}). */
export const usesBuiltPackages = (): boolean => process.execArgv.includes(DIST_CONDITION);

const packages = ["core", "providers", "devtools", "gateway"] as const;

/**
 * Compiles the four packages with `tsc` (their `build` script), so benchmarks measure what
 * is published; throws if a build fails.
 * @example
 * buildPackages();
 */
export const buildPackages = (): void => {
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  for (const name of packages) {
    const project = fileURLToPath(new URL(`../../packages/${name}/tsconfig.build.json`, import.meta.url));
    const r = spawnSync(process.execPath, [tsc, "-p", project], { stdio: "inherit" });
    if (r.status !== 0) throw new Error(`building @switchyard/${name} failed`);
  }
};
