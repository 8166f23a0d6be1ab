/** One Server-Sent Events message. */
export interface SseMessage {
  readonly event?: string;
  readonly data: string;
}

/**
 * A small SSE reader (LF or CRLF line ends, multi-line data, comments, chunks cut
 * anywhere, UTF-8 split across chunks). A provider package that depends only on
 * `@switchyard/core` brings its own; cancelling the iteration releases the body.
 * @example
 * for await (const m of readSse(response.body!)) console.log(m.event, m.data);
 */
export async function* readSse(body: ReadableStream<Uint8Array>): AsyncIterable<SseMessage> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let pending = "";
  let event: string | undefined;
  let data: string[] = [];
  let done = false;
  try {
    for (;;) {
      const read = await reader.read();
      done = read.done;
      pending += read.done ? decoder.decode() : decoder.decode(read.value, { stream: true });
      const lines = pending.split(/\r\n|\n|\r/);
      // The last piece may be an unfinished line (or a lone "\r" of a CRLF cut in two).
      pending = read.done ? "" : (lines.pop() ?? "");
      for (const line of lines) {
        if (line === "") {
          if (data.length) yield { ...(event ? { event } : {}), data: data.join("\n") };
          event = undefined;
          data = [];
        } else if (!line.startsWith(":")) {
          const colon = line.indexOf(":");
          const field = colon === -1 ? line : line.slice(0, colon);
          const value = colon === -1 ? "" : line.slice(colon + 1).replace(/^ /, "");
          if (field === "data") data.push(value);
          else if (field === "event") event = value;
        }
      }
      if (read.done) return;
    }
  } finally {
    if (!done) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}
