import { readdir } from "node:fs/promises";
import { fileURLToPath, pathToFileURL } from "node:url";
import { join } from "node:path";
import type { CliCommand } from "./cli-command.js";

const isCommand = (v: unknown): v is CliCommand =>
  typeof v === "object" && v !== null && "name" in v && typeof v.name === "string" && "run" in v && typeof v.run === "function";

/**
 * Discovers the subcommands in `commands/` (one file each, exporting `command`).
 * @example
 * const commands = await loadCommands();
 */
export const loadCommands = async (): Promise<ReadonlyArray<CliCommand>> => {
  const dir = fileURLToPath(new URL("./commands/", import.meta.url));
  const files = (await readdir(dir)).filter((f) => /\.(ts|js|mjs)$/.test(f) && !/\.(test|d)\.(ts|js)$/.test(f) && !f.endsWith(".d.ts")).sort();
  const out: CliCommand[] = [];
  for (const f of files) {
    const mod = (await import(pathToFileURL(join(dir, f)).href)) as { command?: unknown };
    if (isCommand(mod.command)) out.push(mod.command);
  }
  return out;
};
