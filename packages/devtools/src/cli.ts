import { parseArgs } from "node:util";
import { startDevtools } from "./server/start-devtools.js";

const USAGE = `switchyard devtools [--port N] [--host H] [--db PATH]

  --port N    listen port (default 4318, the OTLP/HTTP port; 0 picks a free one)
  --host H    listen host (default 127.0.0.1; any other host needs SWITCHYARD_DEVTOOLS_TOKEN)
  --db PATH   SQLite store (default .switchyard/devtools.db)

Point any OTLP/HTTP exporter (or startTelemetry from @switchyard/core) at the printed URL.`;

/**
 * Runs `switchyard devtools`: starts the devtools and keeps them up until SIGINT/SIGTERM.
 * Returns the process exit code (2 for bad arguments, 1 when startup fails).
 * @example
 * process.exitCode = await runDevtoolsCli(process.argv.slice(2));
 */
export const runDevtoolsCli = async (argv: ReadonlyArray<string>): Promise<number> => {
  let values: { port?: string | undefined; host?: string | undefined; db?: string | undefined; help?: boolean | undefined };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: { port: { type: "string" }, host: { type: "string" }, db: { type: "string" }, help: { type: "boolean", short: "h" } },
      strict: true,
    }));
  } catch (e) {
    console.error(`${e instanceof Error ? e.message : String(e)}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) {
    console.error(`--port must be an integer 0-65535, got "${values.port}"\n\n${USAGE}`);
    return 2;
  }
  try {
    const devtools = await startDevtools({
      ...(port !== undefined ? { port } : {}),
      ...(values.host ? { host: values.host } : {}),
      ...(values.db ? { dbPath: values.db } : {}),
    });
    console.log(`switchyard devtools listening on ${devtools.url}  (OTLP/HTTP: ${devtools.url}/v1/traces)`);
    await new Promise<void>((done) => {
      const stop = () => void devtools.close().then(done);
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    });
    return 0;
  } catch (e) {
    console.error(`switchyard devtools failed to start: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
};
