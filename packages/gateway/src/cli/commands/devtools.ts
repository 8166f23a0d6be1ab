import type { CliCommand } from "../cli-command.js";

/**
 * `switchyard devtools [--port N] [--host H] [--db FILE]`: the run inspector (OTLP/HTTP
 * receiver, embedded store, web UI) on localhost. Loaded on demand so `serve` never pays for it.
 * @example
 * // switchyard devtools --port 4318
 */
export const command: CliCommand = {
  name: "devtools",
  summary: "run the devtools: OTLP receiver, trace store and run inspector UI",
  usage: "switchyard devtools [--port N] [--host H] [--db FILE]",
  run: async (argv) => {
    const { runDevtoolsCli } = await import("@switchyard/devtools");
    // Resolves when the devtools stop (SIGINT/SIGTERM), with the exit code.
    return runDevtoolsCli(argv);
  },
};
