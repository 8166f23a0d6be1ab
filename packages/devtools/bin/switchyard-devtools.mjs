#!/usr/bin/env node
// In the workspace the CLI runs from its TypeScript sources (through tsx); the published
// package ships no sources, only the tsc build in dist/.
import { existsSync } from "node:fs";

const source = new URL("../src/cli.ts", import.meta.url);
let cli;
if (existsSync(source)) {
  const { register } = await import("tsx/esm/api");
  register();
  cli = await import(source.href);
} else {
  cli = await import(new URL("../dist/cli.js", import.meta.url).href);
}
process.exitCode = await cli.runDevtoolsCli(process.argv.slice(2));
