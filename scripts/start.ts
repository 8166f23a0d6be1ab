/**
 * The README's main job: the gateway with the example routes, the devtools, and — when no
 * API key is set — the upstream simulator, all on localhost. Sends a few demo requests so
 * the devtools has runs to show (a retry, a fallback, a validation escalation), then
 * serves until Ctrl-C.
 *
 *   npx -y pnpm@10.34.8 start   (PORT, DEVTOOLS_PORT, SIMULATOR_PORT override the ports;
 *                               SWITCHYARD_DEVTOOLS_DB the trace store file)
 */
import { fileURLToPath } from "node:url";
import { startTelemetry } from "@switchyard/core";
import { startDevtools } from "@switchyard/devtools";
import { startGateway } from "@switchyard/gateway";
import { startSimulator } from "@switchyard/providers/testing";

const root = fileURLToPath(new URL("..", import.meta.url));
const port = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

const realKeys = Boolean(process.env.OPENAI_API_KEY);
// Offline, the simulator plays a few faults once, so the demo runs show a retry honouring
// Retry-After, a fallback and a validation escalation in the devtools.
const demoScripts = {
  "gpt-4o-mini": { steps: [{ status: 429, retryAfter: 1 }, { status: 503 }, { status: 503 }] },
  "gpt-4o": { then: { json: { sentiment: "positive", confidence: 0.92 } } },
};
/** Starts one part; a port already in use ends the job with a clear message, not a stack trace. */
const start = async <T>(what: string, envVar: string, run: () => Promise<T>): Promise<T> => {
  try {
    return await run();
  } catch (e) {
    const inUse = e instanceof Error && "code" in e && e.code === "EADDRINUSE";
    console.error(inUse ? `switchyard: the ${what} port is in use (another \`pnpm start\` running?). Free it or set ${envVar}=<port>.` : `switchyard: could not start the ${what}: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  }
};

const sim = realKeys ? undefined : await start("simulator", "SIMULATOR_PORT", () => startSimulator({ port: port("SIMULATOR_PORT", 4010), scripts: demoScripts }));
if (sim) process.env.SWITCHYARD_SIMULATOR_URL = sim.url;

const devtools = await start("devtools", "DEVTOOLS_PORT", () => startDevtools({ port: port("DEVTOOLS_PORT", 4318), dbPath: process.env.SWITCHYARD_DEVTOOLS_DB ?? `${root}.switchyard/devtools.db` }));
const telemetry = startTelemetry({ serviceName: "switchyard-gateway", otlpEndpoint: devtools.url });
const gateway = await start("gateway", "PORT", () =>
  startGateway({ config: `${root}examples/gateway/switchyard.config.ts`, port: port("PORT", 8787), observer: telemetry.observer }),
);

const line = "─".repeat(72);
console.log(`\n${line}`);
console.log(`  Switchyard gateway   ${gateway.url}/v1   (OpenAI- and Anthropic-compatible)`);
console.log(`  Devtools             ${devtools.url}`);
console.log(
  sim
    ? `  Upstream             the Switchyard upstream SIMULATOR at ${sim.url} (not a real model;\n                       set OPENAI_API_KEY to route to OpenAI)`
    : "  Upstream             real OpenAI (OPENAI_API_KEY is set)",
);
console.log(`  Routes               ${gateway.router.routes.join(", ")}`);
console.log(`${line}\n  Try it:\n    curl ${gateway.url}/v1/chat/completions -H 'content-type: application/json' \\`);
console.log(`      -d '{"model":"${gateway.router.routes[0] ?? "default"}","messages":[{"role":"user","content":"Hello"}]}'`);
console.log(`${line}\n`);

/** A few requests through every route, so the devtools opens on real runs. */
const demo = async () => {
  for (const route of gateway.router.routes) {
    const res = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ model: route, messages: [{ role: "user", content: `Demo request for route ${route}: say hello.` }] }),
    }).catch((e: unknown) => e);
    const status = res instanceof Response ? `${res.status} via ${res.headers.get("x-switchyard-model") ?? "?"} (${res.headers.get("x-switchyard-attempts") ?? "?"} attempt(s))` : String(res);
    if (res instanceof Response) await res.arrayBuffer();
    console.log(`  demo  ${route.padEnd(20)} → ${status}`);
  }
  console.log(`\n  Open ${devtools.url} to inspect these runs. Ctrl-C stops everything.\n`);
};
await demo();

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  console.log("\nstopping: draining the gateway ...");
  await gateway.close();
  await telemetry.shutdown();
  await devtools.close();
  await sim?.close();
  process.exit(0);
};
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
