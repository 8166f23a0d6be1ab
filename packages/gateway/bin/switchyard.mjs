#!/usr/bin/env node
// tsx's loader is registered either way, so configs written in TypeScript load as-is.
// In the workspace the CLI runs from its TypeScript sources; the published package ships
// no sources, only the tsc build in dist/.
import { existsSync } from "node:fs";
import { register } from "tsx/esm/api";

register();
const source = new URL("../src/cli/main.ts", import.meta.url);
await import(existsSync(source) ? source.href : new URL("../dist/cli/main.js", import.meta.url).href);
