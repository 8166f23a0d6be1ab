/**
 * The floor plus the JSON work every gateway that reads requests must do: the pass-through
 * proxy of `floor-proxy.ts` (same `node:http` server and keep-alive agent), but it parses the
 * client's JSON body, re-serialises it upstream with the model replaced, parses the answer
 * and re-serialises it with the client's model name. The gap between it and the floor is
 * the inherent cost of understanding the traffic; the gap above it is a gateway's own.
 *
 *   npx tsx bench/json-proxy.ts --upstream http://127.0.0.1:4010 --model fast [--port 0]
 */
import { Agent, createServer, request, type IncomingMessage, type Server } from "node:http";
import { parseArgs } from "node:util";
import { serveChildProtocol } from "./lib/child-service.js";
import { listenProxy, type RunningProxy } from "./lib/listen-proxy.js";

const readAll = (stream: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on("data", (c: Buffer) => chunks.push(c));
    stream.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    stream.on("error", reject);
  });

/**
 * Starts the JSON proxy in front of `upstream`, sending every request to `model`.
 * @example
 * const proxy = await startJsonProxy({ upstream: sim.url, model: "fast" });
 */
export const startJsonProxy = async (options: { readonly upstream: string; readonly model: string; readonly port?: number }): Promise<RunningProxy> => {
  const target = new URL(options.upstream);
  const agent = new Agent({ keepAlive: true, maxSockets: 1_024 });
  const server: Server = createServer((req, res) => {
    void (async () => {
      const body = JSON.parse(await readAll(req)) as { model?: string };
      const text = JSON.stringify({ ...body, model: options.model });
      const upstream = request(
        { host: target.hostname, port: target.port, method: "POST", path: req.url, agent, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(text) } },
        (up) => {
          void readAll(up).then((answer) => {
            const out = JSON.stringify({ ...(JSON.parse(answer) as object), model: body.model });
            res.writeHead(up.statusCode ?? 502, { "content-type": "application/json", "content-length": Buffer.byteLength(out) });
            res.end(out);
          });
        },
      );
      upstream.on("error", () => res.writeHead(502).end());
      upstream.end(text);
    })().catch(() => res.writeHead(400).end());
  });
  return listenProxy(server, agent, options.port);
};

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { upstream: { type: "string" }, model: { type: "string", default: "fast" }, port: { type: "string", default: "0" } } });
  if (values.upstream === undefined) {
    console.error("usage: json-proxy.ts --upstream http://127.0.0.1:PORT [--model fast] [--port 0]");
    process.exit(2);
  }
  const proxy = await startJsonProxy({ upstream: values.upstream, model: values.model ?? "fast", port: Number(values.port) });
  serveChildProtocol(proxy.url, proxy.close);
}
