import type { Readable } from "node:stream";
import type { Dispatcher } from "undici";

type UndiciHeaders = Dispatcher.ResponseData["headers"];

/**
 * Response headers as undici delivers them (a plain object) turned into fetch `Headers`.
 * @example
 * toHeaders({ "retry-after": "2" }).get("retry-after"); // "2"
 */
export const toHeaders = (raw: UndiciHeaders): Headers => {
  const headers = new Headers();
  for (const name in raw) {
    const value = raw[name];
    if (typeof value === "string") headers.append(name, value);
    else if (Array.isArray(value)) for (const v of value) headers.append(name, v);
  }
  return headers;
};

// Statuses whose response has no body, per the Fetch standard ("null body status").
const nullBodyStatus = (status: number): boolean => status === 101 || status === 103 || status === 204 || status === 205 || status === 304;

/**
 * A fetch `Response` over an undici `request()` result, so `sendRequest` can use the
 * cheaper undici dispatcher while every caller keeps reading a standard `Response`.
 * The expensive parts of a real `Response` are built only when asked for: `headers`
 * (most callers read none on success) and the web `body` stream (only streaming callers
 * touch it; `text()`/`json()` read the Node stream directly).
 * @example
 * const data = await request(url, { method: "POST", body });
 * const response: Response = new UndiciResponse(data, url);
 * const json = await response.json();
 */
export class UndiciResponse implements Response {
  readonly status: number;
  readonly statusText: string;
  readonly ok: boolean;
  readonly url: string;
  readonly redirected = false;
  readonly type: ResponseType = "basic";
  readonly #data: Dispatcher.ResponseData;
  #headers: Headers | undefined;
  #teed: Response | undefined;

  constructor(data: Dispatcher.ResponseData, url: string) {
    this.#data = data;
    this.status = data.statusCode;
    this.statusText = data.statusText ?? "";
    this.ok = data.statusCode >= 200 && data.statusCode <= 299;
    this.url = url;
  }

  /** Drops the body unread: the connection is closed instead of returned to the pool. */
  cancel(): void {
    if (this.#teed) void this.#teed.body?.cancel().catch(() => undefined);
    else if (!this.#data.body.destroyed) this.#data.body.destroy();
  }

  /**
   * The body as the Node stream undici delivers (lighter than the web stream `body` wraps
   * it in); `null` once `body` or a reader method has taken it, or for a null-body status.
   */
  nodeBody(): Readable | null {
    if (this.#teed || nullBodyStatus(this.status) || this.#data.body.bodyUsed) return null;
    return this.#data.body;
  }

  get headers(): Headers {
    this.#headers ??= toHeaders(this.#data.headers);
    return this.#headers;
  }

  get body(): ReadableStream<Uint8Array<ArrayBuffer>> | null {
    if (this.#teed) return this.#teed.body;
    if (nullBodyStatus(this.status)) return null;
    return this.#data.body.body as unknown as ReadableStream<Uint8Array<ArrayBuffer>>;
  }

  get bodyUsed(): boolean {
    return this.#teed ? this.#teed.bodyUsed : this.#data.body.bodyUsed;
  }

  text(): Promise<string> {
    return this.#teed ? this.#teed.text() : this.#data.body.text();
  }

  json(): Promise<unknown> {
    return this.#teed ? this.#teed.json() : this.#data.body.json();
  }

  arrayBuffer(): Promise<ArrayBuffer> {
    return this.#teed ? this.#teed.arrayBuffer() : this.#data.body.arrayBuffer();
  }

  async bytes(): Promise<Uint8Array<ArrayBuffer>> {
    return new Uint8Array(await this.arrayBuffer());
  }

  async blob(): Promise<Blob> {
    if (this.#teed) return this.#teed.blob();
    return new Blob([await this.#data.body.arrayBuffer()], { type: this.headers.get("content-type") ?? "" });
  }

  // undici's stream has no multipart parser; the platform Response has one.
  async formData(): Promise<FormData> {
    return new Response(await this.arrayBuffer(), { status: this.status, headers: this.headers }).formData();
  }

  clone(): Response {
    const init = { status: this.status, statusText: this.statusText, headers: this.headers };
    const body = this.body;
    if (body === null) return new Response(null, init);
    // Both copies read one branch of a tee each; this one keeps reading through its branch.
    const [mine, theirs] = body.tee();
    this.#teed = new Response(mine, init);
    return new Response(theirs, init);
  }
}
