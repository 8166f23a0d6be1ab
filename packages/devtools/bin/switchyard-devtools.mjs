#!/usr/bin/env node
// Runs the TypeScript sources directly (the package ships no build step in the workspace).
import { register } from "tsx/esm/api";

register();
const { runDevtoolsCli } = await import("../src/cli.ts");
process.exitCode = await runDevtoolsCli(process.argv.slice(2));
