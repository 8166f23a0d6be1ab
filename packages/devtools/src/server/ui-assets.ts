import { execFile } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { readFile, rename, rm } from "node:fs/promises";
import type { ServerResponse } from "node:http";
import { createRequire } from "node:module";
import { dirname, extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

/** Where the UI's sources and its built bundle live. */
export const uiDir = fileURLToPath(new URL("../../ui", import.meta.url));
const distDir = join(uiDir, "dist");

let building: Promise<void> | undefined;

// Vite's CLI runs the build in a child process with NODE_ENV=production. Built in-process, Vite
// would set NODE_ENV for the whole host process when it is unset, and under a test runner
// (NODE_ENV=test) it would bundle React's development build, which later starts would serve.
const viteCli = join(dirname(createRequire(import.meta.url).resolve("vite/package.json")), "bin", "vite.js");
const buildUi = async (outDir: string): Promise<void> => {
  const args = [viteCli, "build", uiDir, "--config", join(uiDir, "vite.config.ts"), "--outDir", outDir, "--emptyOutDir", "--logLevel", "warn"];
  await promisify(execFile)(process.execPath, args, { env: { ...process.env, NODE_ENV: "production" } });
};

// Newest modification time among the UI's inputs (its sources and the shared src/api code it imports).
const newestSourceMtime = (): number => {
  let newest = 0;
  const visit = (path: string): void => {
    const st = statSync(path, { throwIfNoEntry: false });
    if (!st) return;
    if (st.isDirectory()) for (const name of readdirSync(path)) visit(join(path, name));
    else newest = Math.max(newest, st.mtimeMs);
  };
  for (const p of [join(uiDir, "src"), join(uiDir, "index.html"), join(uiDir, "vite.config.ts"), join(uiDir, "..", "src", "api")]) visit(p);
  return newest;
};

const bundleIsCurrent = (): boolean => {
  const built = statSync(join(distDir, "index.html"), { throwIfNoEntry: false });
  return built !== undefined && built.mtimeMs >= newestSourceMtime();
};

/**
 * Builds the UI with Vite when its bundle is missing (a fresh checkout) or older than its
 * sources (an edited checkout), so one command serves everything. Builds into a private
 * folder and renames it into place, so two processes starting together never serve a
 * half-written bundle.
 * @example
 * await ensureUiBuilt();
 */
export const ensureUiBuilt = (): Promise<void> => {
  if (bundleIsCurrent()) return Promise.resolve();
  building ??= (async () => {
    const outDir = join(uiDir, `dist-build-${process.pid}-${Date.now()}`);
    await buildUi(outDir);
    const oldDir = join(uiDir, `dist-old-${process.pid}-${Date.now()}`);
    if (existsSync(distDir)) await rename(distDir, oldDir).catch(() => undefined);
    try {
      await rename(outDir, distDir);
    } catch {
      // Another process finished first; its bundle is equivalent.
      await rm(outDir, { recursive: true, force: true });
    }
    await rm(oldDir, { recursive: true, force: true });
  })().finally(() => {
    building = undefined;
  });
  return building;
};

const contentTypes: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".json": "application/json",
  ".woff2": "font/woff2",
};

/**
 * Serves a file of the built UI; any path that is not a file gets `index.html` (the UI
 * routes on the client).
 * @example
 * await serveUi(res, "/runs/abc");
 */
export const serveUi = async (res: ServerResponse, pathname: string): Promise<void> => {
  const candidate = resolve(distDir, `.${normalize(decodeURIComponent(pathname))}`);
  const inside = candidate.startsWith(distDir + sep);
  const file = inside && extname(candidate) && existsSync(candidate) ? candidate : join(distDir, "index.html");
  try {
    const body = await readFile(file);
    res.writeHead(200, {
      "content-type": contentTypes[extname(file)] ?? "application/octet-stream",
      "cache-control": file.includes(`${sep}assets${sep}`) ? "public, max-age=31536000, immutable" : "no-cache",
    });
    res.end(body);
  } catch {
    res.writeHead(503, { "content-type": "text/plain" });
    res.end("The devtools UI is not built yet; restart the devtools to build it.");
  }
};
