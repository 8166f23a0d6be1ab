#!/usr/bin/env node
// Runs the TypeScript CLI through tsx's loader, so configs written in TS load as-is.
import { register } from "tsx/esm/api";

register();
await import("../src/cli/main.ts");
