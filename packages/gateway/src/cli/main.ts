#!/usr/bin/env node
/**
 * The `switchyard` CLI: `switchyard <command> [options]`. Subcommands are discovered from
 * `src/cli/commands/`.
 */
import { loadCommands } from "./load-commands.js";

const main = async (): Promise<number | "running"> => {
  const [name, ...rest] = process.argv.slice(2);
  const commands = await loadCommands();
  const help = `usage: switchyard <command> [options]\n\ncommands:\n${commands.map((c) => `  ${c.name.padEnd(14)} ${c.summary}\n      ${c.usage}`).join("\n")}\n`;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(help);
    return name === undefined ? 2 : 0;
  }
  const command = commands.find((c) => c.name === name);
  if (command === undefined) {
    process.stderr.write(`unknown command "${name}"\n\n${help}`);
    return 2;
  }
  return command.run(rest);
};

main().then(
  (code) => {
    if (code !== "running") process.exit(code);
  },
  (e: unknown) => {
    // Config errors are expected: print the message (it names the field), not a stack.
    const message = e instanceof Error ? e.message : String(e);
    process.stderr.write(`switchyard: ${message}\n`);
    process.exit(1);
  },
);
