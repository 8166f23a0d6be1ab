import { parseArgs } from "node:util";
import type { CliCommand } from "../cli-command.js";
import { createLogger } from "../../server/logger.js";
import { startGateway } from "../../server/start-gateway.js";

/**
 * `switchyard serve --config <file> [--port N] [--host H] [--tls-cert FILE --tls-key FILE]`:
 * runs the gateway (HTTPS with a certificate), reloads the config when the file changes,
 * drains and exits 0 on SIGTERM/SIGINT.
 * @example
 * // switchyard serve --config switchyard.config.ts --port 8443 --tls-cert gw.pem --tls-key gw.key
 */
export const command: CliCommand = {
  name: "serve",
  summary: "run the OpenAI/Anthropic-compatible gateway",
  usage: "switchyard serve --config <file> [--port N] [--host H] [--tls-cert FILE --tls-key FILE] [--no-watch]",
  run: async (argv) => {
    const { values } = parseArgs({
      args: [...argv],
      options: {
        config: { type: "string", short: "c" },
        port: { type: "string", short: "p" },
        host: { type: "string" },
        "tls-cert": { type: "string" },
        "tls-key": { type: "string" },
        "no-watch": { type: "boolean" },
      },
    });
    const cert = values["tls-cert"];
    const key = values["tls-key"];
    if ((cert === undefined) !== (key === undefined)) {
      process.stderr.write(`--tls-cert and --tls-key go together\nusage: ${command.usage}\n`);
      return 2;
    }
    if (values.config === undefined) {
      process.stderr.write(`missing --config\nusage: ${command.usage}\n`);
      return 2;
    }
    const port = values.port === undefined ? undefined : Number(values.port);
    if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) {
      process.stderr.write(`invalid --port ${values.port}\n`);
      return 2;
    }
    const log = createLogger();
    const gw = await startGateway({
      config: values.config,
      logger: log,
      watch: values["no-watch"] !== true,
      ...(port !== undefined ? { port } : {}),
      ...(values.host !== undefined ? { host: values.host } : {}),
      ...(cert !== undefined && key !== undefined ? { tls: { cert, key } } : {}),
    });
    process.stdout.write(`Switchyard gateway listening on ${gw.url}\n`);
    let stopping = false;
    const stop = (signal: string): void => {
      if (stopping) return;
      stopping = true;
      log.info("shutting down: draining in-flight requests", { signal });
      void gw.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    };
    process.on("SIGTERM", () => stop("SIGTERM"));
    process.on("SIGINT", () => stop("SIGINT"));
    return "running";
  },
};
