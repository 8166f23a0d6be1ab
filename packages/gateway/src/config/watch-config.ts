import { watch, type FSWatcher } from "node:fs";
import { basename, dirname, resolve } from "node:path";

/**
 * Calls `onChange` (debounced) when a config file changes. It watches the directory, not
 * the file, because editors often save by replacing the file.
 * @example
 * const stop = watchConfig("switchyard.config.ts", () => reload(), 200);
 */
export const watchConfig = (file: string, onChange: () => void, debounceMs = 200): (() => void) => {
  const path = resolve(file);
  const name = basename(path);
  let timer: NodeJS.Timeout | undefined;
  const watcher: FSWatcher = watch(dirname(path), (_event, changed) => {
    if (changed !== null && changed !== name) return;
    clearTimeout(timer);
    timer = setTimeout(onChange, debounceMs);
  });
  watcher.on("error", () => {});
  return () => {
    clearTimeout(timer);
    watcher.close();
  };
};
