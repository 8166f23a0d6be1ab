/**
 * The floor: the least an HTTP hop can cost in Node. A pass-through proxy on `node:http`
 * with a keep-alive agent, no parsing, no logic: every gateway's overhead is measured
 * against it.
 *
 *   npx tsx bench/floor-proxy.ts --upstream http://127.0.0.1:4010 [--port 0]
 */
import { Agent, createServer, request, type Server } from "node:http";
import { parseArgs } from "node:util";
import { serveChildProtocol } from "./lib/child-service.js";
import { listenProxy, type RunningProxy } from "./lib/listen-proxy.js";

/**
 * Starts the pass-through proxy in front of `upstream` (`http://host:port`).
 * @example
 * const floor = await startFloorProxy({ upstream: sim.url });
 * await fetch(`${floor.url}/v1/chat/completions`, { method: "POST", body });
 */
export const startFloorProxy = async (options: { readonly upstream: string; readonly port?: number }): Promise<RunningProxy> => {
  const target = new URL(options.upstream);
  const agent = new Agent({ keepAlive: true, maxSockets: 1_024 });
  const server: Server = createServer((req, res) => {
    const upstream = request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host }, agent },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on("error", () => {
      if (!res.headersSent) res.writeHead(502).end();
      else res.destroy();
    });
    res.on("close", () => {
      if (!res.writableFinished) upstream.destroy();
    });
    req.pipe(upstream);
  });
  return listenProxy(server, agent, options.port);
};

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { upstream: { type: "string" }, port: { type: "string", default: "0" } } });
  if (values.upstream === undefined) {
    console.error("usage: floor-proxy.ts --upstream http://127.0.0.1:PORT [--port 0]");
    process.exit(2);
  }
  const proxy = await startFloorProxy({ upstream: values.upstream, port: Number(values.port) });
  serveChildProtocol(proxy.url, proxy.close);
}
