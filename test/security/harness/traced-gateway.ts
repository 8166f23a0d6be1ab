/**
 * A gateway process that exports its traces over OTLP (what an operator wires up with
 * `startTelemetry`), for the secret-leak suite: `tsx traced-gateway.ts <config> ` with
 * `SY_OTLP_ENDPOINT` set. Prints `listening on <url>`; SIGTERM drains, flushes spans, exits.
 */
import { startTelemetry } from "@switchyard/core";
import { startGateway } from "@switchyard/gateway";

const configPath = process.argv[2];
const endpoint = process.env["SY_OTLP_ENDPOINT"];
if (configPath === undefined || endpoint === undefined) {
  process.stderr.write("usage: SY_OTLP_ENDPOINT=<url> tsx traced-gateway.ts <config>\n");
  process.exit(2);
}
// Content capture on: the worst case for leaks (prompts and answers go into spans).
const telemetry = startTelemetry({ serviceName: "switchyard-gateway-security-test", otlpEndpoint: endpoint, exportDelayMs: 100, captureContent: true });
const gw = await startGateway({ config: configPath, port: 0, observer: telemetry.observer, watch: false });
process.stdout.write(`Switchyard gateway listening on ${gw.url}\n`);
process.once("SIGTERM", () => {
  void gw
    .close()
    .then(() => telemetry.shutdown())
    .then(
      () => process.exit(0),
      () => process.exit(1),
    );
});
