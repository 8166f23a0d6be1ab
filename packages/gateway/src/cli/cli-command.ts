/**
 * A `switchyard` subcommand. Each lives in its own file in `src/cli/commands/` and exports
 * `command`; the CLI discovers them, so adding one (`devtools`, `train-router`...) is adding
 * one file.
 * @example
 * export const command: CliCommand = {
 *   name: "hello",
 *   summary: "print a greeting",
 *   usage: "switchyard hello [--name N]",
 *   run: async (argv) => { console.log(`hello ${argv[0] ?? "world"}`); return 0; },
 * };
 */
export interface CliCommand {
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  /**
   * Runs with the arguments after the subcommand name. Resolves with an exit code, or
   * "running" for long-lived commands (servers) that exit on their own signal handling.
   */
  readonly run: (argv: ReadonlyArray<string>) => Promise<number | "running">;
}
