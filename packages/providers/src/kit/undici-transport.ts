import type { EventEmitter } from "node:events";
import { getGlobalDispatcher, type Dispatcher } from "undici";

/** One undici response and the URL it finally came from (after redirects). */
export interface UndiciExchange {
  readonly data: Dispatcher.ResponseData;
  readonly url: string;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 20;
// Headers that describe a request body: dropped when a redirect turns the request into a GET.
const BODY_HEADERS = ["content-type", "content-length", "content-encoding", "content-language", "content-location"];
// Credentials never follow a redirect to another origin (fetch drops the first three; API
// keys in custom headers are credentials too).
const CREDENTIAL_HEADERS = new Set(["authorization", "proxy-authorization", "cookie", "x-api-key", "api-key", "x-goog-api-key"]);

/** Where undici sends a URL: its origin and its path with the query. */
interface Target {
  readonly origin: string;
  readonly path: string;
}

// Parsed once per URL: a model calls the same endpoint every time, and parsing it (what
// undici's `request(url)` does on every call) costs more than the lookup.
const targets = new Map<string, Target>();
const MAX_TARGETS = 1_024;

const targetOf = (url: string): Target => {
  let target = targets.get(url);
  if (target === undefined) {
    const u = new URL(url);
    if (u.protocol !== "http:" && u.protocol !== "https:") throw new Error(`unsupported URL protocol "${u.protocol}" (http: or https: only)`);
    target = { origin: u.origin, path: `${u.pathname}${u.search}` };
    if (targets.size >= MAX_TARGETS) targets.clear();
    targets.set(url, target);
  }
  return target;
};

const without = (headers: Readonly<Record<string, string>>, drop: (name: string) => boolean): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const name in headers) if (!drop(name.toLowerCase())) out[name] = headers[name] as string;
  return out;
};

/**
 * Sends a request with undici's `Dispatcher.request()` on the current global dispatcher (keep-alive
 * pool, or whatever proxy agent the application set) and follows redirects as `fetch` does:
 * up to 20; 303, and 301/302 after a POST, become a GET without a body; credentials are not
 * sent to another origin. `abort` (an EventEmitter that emits "abort") cancels the request
 * and, after the headers, its body. Redirects are handled here, only when one arrives,
 * instead of by undici's redirect interceptor, which wraps every response (≈5% of the
 * gateway's CPU per request).
 * @example
 * const { data, url } = await sendViaUndici("https://api.openai.com/v1/models", "GET", headers, undefined, abort);
 */
export const sendViaUndici = async (
  url: string,
  method: string,
  headers: Readonly<Record<string, string>>,
  body: string | undefined,
  abort: EventEmitter,
): Promise<UndiciExchange> => {
  let current = { url, method, headers, body };
  for (let hops = 0; ; hops++) {
    const { origin, path } = targetOf(current.url);
    const data = await getGlobalDispatcher().request({
      origin,
      path,
      method: current.method as Dispatcher.HttpMethod,
      headers: current.headers,
      body: current.body ?? null,
      signal: abort,
    });
    const location = REDIRECT_STATUSES.has(data.statusCode) ? data.headers.location : undefined;
    if (typeof location !== "string") return { data, url: current.url };
    await data.body.dump();
    if (hops === MAX_REDIRECTS) throw new Error(`more than ${MAX_REDIRECTS} redirects`);
    const next = new URL(location, current.url);
    const toGet = data.statusCode === 303 ? current.method !== "HEAD" : (data.statusCode === 301 || data.statusCode === 302) && current.method === "POST";
    const crossOrigin = next.origin !== origin;
    current = {
      url: next.href,
      method: toGet ? "GET" : current.method,
      headers: without(current.headers, (name) => (toGet && BODY_HEADERS.includes(name)) || (crossOrigin && CREDENTIAL_HEADERS.has(name))),
      body: toGet ? undefined : current.body,
    };
  }
};
