import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/**
 * Reads a fixture file relative to the calling module, as text or bytes.
 * @example
 * const body = readFixture(import.meta.url, "__fixtures__/anthropic-text.json");
 */
export const readFixture = (moduleUrl: string, relativePath: string): string =>
  readFileSync(fileURLToPath(new URL(relativePath, moduleUrl)), "utf8");

/** Like {@link readFixture}, for binary wire formats. @example const frames = readFixtureBytes(import.meta.url, "__fixtures__/x.bin"); */
export const readFixtureBytes = (moduleUrl: string, relativePath: string): Uint8Array =>
  new Uint8Array(readFileSync(fileURLToPath(new URL(relativePath, moduleUrl))));
