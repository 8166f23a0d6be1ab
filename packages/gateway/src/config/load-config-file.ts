import { readFile } from "node:fs/promises";
import { extname, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { ConfigError } from "@switchyard/core";

/**
 * Reads a config file: `.ts`/`.mts`/`.js`/`.mjs` modules (their default export, compiled on
 * the fly and imported fresh on every call so hot reload sees edits), `.json`, or
 * `.yaml`/`.yml`. Syntax problems are ConfigErrors naming the file.
 * @example
 * const raw = await loadConfigFile("switchyard.config.ts");
 */
export const loadConfigFile = async (file: string): Promise<unknown> => {
  const path = resolve(file);
  const ext = extname(path).toLowerCase();
  if (ext === ".json" || ext === ".yaml" || ext === ".yml") {
    const text = await readFile(path, "utf8").catch((e: unknown) => {
      throw new ConfigError({ message: `cannot read config ${file}: ${e instanceof Error ? e.message : String(e)}` });
    });
    try {
      // Loaded on use: a gateway whose config is an object or JSON never pays for the YAML parser.
      return ext === ".json" ? JSON.parse(text) : (await import("yaml")).parse(text);
    } catch (e) {
      throw new ConfigError({ message: `${file}: ${e instanceof Error ? e.message : String(e)}` });
    }
  }
  if ([".ts", ".mts", ".js", ".mjs", ".cts", ".cjs"].includes(ext)) {
    // A fresh namespace per load: the module (and what it imports) is re-evaluated.
    const { tsImport } = await import("tsx/esm/api");
    const mod = (await tsImport(`${pathToFileURL(path).href}?t=${Date.now()}`, import.meta.url)) as { default?: unknown };
    if (mod.default === undefined) throw new ConfigError({ message: `${file}: export the config as default (export default defineConfig({...}))` });
    return mod.default;
  }
  throw new ConfigError({ message: `${file}: unsupported config type "${ext}" (use .ts, .js, .json or .yaml)` });
};
