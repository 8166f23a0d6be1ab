/**
 * One dispatched Server-Sent Events message.
 * @example
 * const m: SseMessage = { event: "message_start", data: '{"type":"message_start"}' };
 */
export interface SseMessage {
  /** The `event:` field; absent for the default `message` type. */
  readonly event?: string;
  /** The `data:` lines joined with "\n". */
  readonly data: string;
  /** The last event id seen on the stream, when the server sent one. */
  readonly id?: string;
}

/**
 * Incremental SSE parser state. Kept as a small class so the per-chunk hot path does no
 * allocation beyond the strings it must produce.
 */
class SseLineParser {
  private data: string[] = [];
  private event: string | undefined;
  private lastEventId: string | undefined;
  private pending = "";
  // A chunk that ends in "\r" may be followed by "\n" in the next chunk: one line break, not two.
  private skipLeadingLf = false;

  /** Feeds decoded text; returns the messages completed by it. */
  push(text: string, out: SseMessage[]): void {
    const buffer = this.pending + text;
    this.pending = "";
    let start = 0;
    if (this.skipLeadingLf && buffer.charCodeAt(0) === 10) start = 1;
    this.skipLeadingLf = false;
    for (;;) {
      const lf = buffer.indexOf("\n", start);
      const cr = buffer.indexOf("\r", start);
      if (lf === -1 && cr === -1) break;
      const end = lf === -1 ? cr : cr === -1 ? lf : Math.min(lf, cr);
      this.line(buffer.slice(start, end), out);
      if (buffer.charCodeAt(end) === 13) {
        if (end + 1 === buffer.length) {
          this.skipLeadingLf = true;
          start = end + 1;
          break;
        }
        start = buffer.charCodeAt(end + 1) === 10 ? end + 2 : end + 1;
      } else {
        start = end + 1;
      }
    }
    this.pending = buffer.slice(start);
  }

  private line(line: string, out: SseMessage[]): void {
    if (line.length === 0) return this.dispatch(out);
    if (line.charCodeAt(0) === 58 /* ":" comment */) return;
    const colon = line.indexOf(":");
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? "" : line.slice(colon + 1);
    if (value.charCodeAt(0) === 32) value = value.slice(1);
    switch (field) {
      case "data":
        this.data.push(value);
        break;
      case "event":
        this.event = value;
        break;
      case "id":
        if (!value.includes("\u0000")) this.lastEventId = value;
        break;
      default:
        // "retry" and unknown fields are ignored: reconnection is the router's job, not the parser's.
        break;
    }
  }

  private dispatch(out: SseMessage[]): void {
    const event = this.event;
    this.event = undefined;
    if (this.data.length === 0) return;
    const data = this.data.join("\n");
    this.data = [];
    // Field by field: on Node 20 a literal that starts with a non-empty spread gets a hidden class per object.
    const message: { event?: string; data: string; id?: string } = { data };
    if (event !== undefined && event !== "") message.event = event;
    if (this.lastEventId !== undefined && this.lastEventId !== "") message.id = this.lastEventId;
    out.push(message);
  }
}

/**
 * Parses a byte stream as Server-Sent Events (WHATWG HTML §9.2): LF, CR and CRLF line
 * ends, multi-line `data`, comments, a leading BOM, and chunk boundaries anywhere —
 * including inside a UTF-8 sequence. An event cut off by the end of the body is not
 * dispatched, as the spec requires; callers detect truncation by a missing terminator.
 * Cancelling the iteration releases the body.
 * @example
 * for await (const msg of parseSse(response.body!)) {
 *   if (msg.data === "[DONE]") break;
 *   console.log(JSON.parse(msg.data));
 * }
 */
export async function* parseSse(body: ReadableStream<Uint8Array>): AsyncIterable<SseMessage> {
  for await (const batch of parseSseBatches(body)) yield* batch;
}

/**
 * {@link parseSse}, one batch per read of the body: every message that read completed, in
 * order (reads that complete none yield nothing). A busy upstream delivers many messages
 * per read, so consumers that work per batch pay their per-step costs once per read. Takes
 * a web stream or any async iterable of bytes (a Node `Readable`, which is lighter).
 * @example
 * for await (const messages of parseSseBatches(response.body!)) console.log(messages.length);
 */
export async function* parseSseBatches(body: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>): AsyncIterable<ReadonlyArray<SseMessage>> {
  const chunks = body instanceof ReadableStream ? readerChunks(body) : body;
  const decoder = new TextDecoder("utf-8", { ignoreBOM: false });
  const parser = new SseLineParser();
  for await (const value of chunks) {
    const out: SseMessage[] = [];
    parser.push(decoder.decode(value, { stream: true }), out);
    if (out.length > 0) yield out;
  }
  const out: SseMessage[] = [];
  parser.push(decoder.decode(), out);
  if (out.length > 0) yield out;
}

/** The chunks of a web stream; stopping early cancels it (releasing the body). */
async function* readerChunks(body: ReadableStream<Uint8Array>): AsyncIterable<Uint8Array> {
  const reader = body.getReader();
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        finished = true;
        return;
      }
      yield value;
    }
  } finally {
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}
