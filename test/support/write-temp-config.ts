import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * Writes a config file into a fresh temp directory; `cleanup` removes it.
 * @example
 * const cfg = writeTempConfig("gw.json", { models: { fast: { provider: "simulator", model: "m" } } });
 * cfg.write({ ...changed }); cfg.cleanup();
 */
export const writeTempConfig = (name: string, content: unknown) => {
  const dir = mkdtempSync(join(tmpdir(), "switchyard-gw-"));
  const path = join(dir, name);
  const write = (c: unknown): void => writeFileSync(path, typeof c === "string" ? c : JSON.stringify(c, null, 2));
  write(content);
  return { path, write, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
};
