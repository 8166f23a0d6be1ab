import { request } from "node:https";
import { Readable } from "node:stream";

/**
 * A `fetch` over `node:https` that trusts `ca` (a PEM certificate), for SDK clients talking
 * to a gateway with a test certificate. Bodies stream both ways; the AbortSignal is honoured.
 * @example
 * const client = new OpenAI({ baseURL: `${gw.url}/v1`, apiKey: "x", fetch: httpsFetch(cert.cert) });
 */
export const httpsFetch =
  (ca: string) =>
  async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const req = new Request(input, init);
    const body = req.body === null ? undefined : Buffer.from(await req.arrayBuffer());
    return new Promise<Response>((resolve, reject) => {
      const headers: Record<string, string> = {};
      req.headers.forEach((v, k) => (headers[k] = v));
      const r = request(req.url, { method: req.method, headers, ca, ...(init.signal ? { signal: init.signal } : {}) }, (res) => {
        const out = new Headers();
        for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) out.set(k, Array.isArray(v) ? v.join(", ") : v);
        const status = res.statusCode ?? 502;
        const stream = status === 204 || status === 304 ? null : (Readable.toWeb(res) as ReadableStream<Uint8Array>);
        resolve(new Response(stream, { status, headers: out }));
      });
      r.on("error", reject);
      r.end(body);
    });
  };
