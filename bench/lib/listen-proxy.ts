import type { Agent, Server } from "node:http";
import type { AddressInfo } from "node:net";

/** A benchmark proxy listening on loopback. */
export interface RunningProxy {
  readonly url: string;
  readonly close: () => Promise<void>;
}

/**
 * Starts a benchmark proxy's server on 127.0.0.1 (keep-alive 30 s, like the load generators
 * expect) and returns its URL and a close that also drops the upstream agent's sockets.
 * @example
 * const proxy = await listenProxy(createServer(handler), agent, 0);
 */
export const listenProxy = async (server: Server, agent: Agent, port = 0): Promise<RunningProxy> => {
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
        agent.destroy();
      }),
  };
};
