import { describe, expect, it } from "vitest";
import { parseSse, type SseMessage } from "./parse-sse.js";

const streamOf = (chunks: ReadonlyArray<Uint8Array>): ReadableStream<Uint8Array> =>
  new ReadableStream({
    start(controller) {
      for (const c of chunks) controller.enqueue(c);
      controller.close();
    },
  });

const collect = async (chunks: ReadonlyArray<Uint8Array>): Promise<SseMessage[]> => {
  const out: SseMessage[] = [];
  for await (const m of parseSse(streamOf(chunks))) out.push(m);
  return out;
};

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

/** Splits bytes into pieces of `size` bytes, cutting anywhere (including inside UTF-8 sequences). */
const split = (b: Uint8Array, size: number): Uint8Array[] => {
  const out: Uint8Array[] = [];
  for (let i = 0; i < b.length; i += size) out.push(b.slice(i, i + size));
  return out;
};

describe("parseSse", () => {
  it("parses events, multi-line data, ids and comments with LF, CRLF and CR line ends", async () => {
    const text =
      "\uFEFF: keep-alive comment\n" +
      "event: message_start\ndata: {\"a\":1}\n\n" +
      "data: line one\r\ndata: line two\r\n\r\n" +
      "id: 7\rdata:no-space\r\r" +
      "data\n\n" +
      "event: only-event-no-data\n\n" +
      "retry: 1000\nunknown: x\ndata:  two spaces\n\n";
    const expected: SseMessage[] = [
      { event: "message_start", data: '{"a":1}' },
      { data: "line one\nline two" },
      { data: "no-space", id: "7" },
      { data: "", id: "7" },
      { data: " two spaces", id: "7" },
    ];
    expect(await collect([bytes(text)])).toEqual(expected);
    // Every possible chunking must give the same result, including splits inside "é" and "€" and CR|LF.
    const tricky = bytes(text + "data: é€😀\r\n\r\n");
    const full = await collect([tricky]);
    expect(full.at(-1)?.data).toBe("é€😀");
    for (const size of [1, 2, 3, 5, 7, 13]) expect(await collect(split(tricky, size))).toEqual(full);
  });

  it("does not dispatch an event cut off by the end of the body", async () => {
    expect(await collect([bytes("data: complete\n\ndata: partial")])).toEqual([{ data: "complete" }]);
    expect(await collect([bytes("data: partial\n")])).toEqual([]);
  });

  it("cancels the body when the consumer stops early", async () => {
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes("data: 1\n\ndata: 2\n\n"));
      },
      cancel() {
        cancelled = true;
      },
    });
    for await (const m of parseSse(body)) {
      expect(m.data).toBe("1");
      break;
    }
    expect(cancelled).toBe(true);
  });
});
