/**
 * CLI: `tsx packages/providers/src/testing/simulator/main.ts --port 4010 [--host 127.0.0.1]`.
 * Starts the upstream simulator for demos and benchmarks. It is not a model, and says so.
 */
import { parseArgs } from "node:util";
import { startSimulator } from "./start-simulator.js";

const { values } = parseArgs({
  options: { port: { type: "string", default: "4010" }, host: { type: "string", default: "127.0.0.1" } },
});
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`invalid --port ${values.port}`);
  process.exit(2);
}
const sim = await startSimulator({ port, host: values.host });
console.log(`Switchyard upstream SIMULATOR listening on ${sim.url} (not a real model)`);
const stop = (): void => {
  void sim.close().then(() => process.exit(0));
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
