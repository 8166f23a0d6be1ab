import { EventStreamCodec } from "@smithy/eventstream-codec";
import { fromUtf8, toUtf8 } from "@smithy/util-utf8";
import { describe, expect, it } from "vitest";
import { EventStreamDecoder, EventStreamFrameError, encodeEventStreamMessage } from "./aws-event-stream-codec.js";

// The AWS SDK's own codec is the reference implementation of the framing.
const reference = new EventStreamCodec(toUtf8, fromUtf8);
const headers = { ":event-type": "contentBlockDelta", ":content-type": "application/json", ":message-type": "event" };
const payload = '{"contentBlockIndex":0,"delta":{"text":"Hé ✓"},"p":"abc"}';

describe("AWS event-stream codec", () => {
  it("encodes byte for byte like the AWS SDK", () => {
    const ours = encodeEventStreamMessage(headers, payload);
    const theirs = reference.encode({
      headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, { type: "string" as const, value: v }])),
      body: fromUtf8(payload),
    });
    expect(Buffer.from(ours).equals(Buffer.from(theirs))).toBe(true);
  });

  it("decodes SDK-encoded frames with every header type, split at any byte", () => {
    const frame = reference.encode({
      headers: {
        ":event-type": { type: "string", value: "metadata" },
        flag: { type: "boolean", value: true },
        off: { type: "boolean", value: false },
        small: { type: "byte", value: -3 },
        short: { type: "short", value: 300 },
        int: { type: "integer", value: 70_000 },
        bin: { type: "binary", value: new Uint8Array([1, 2, 3]) },
        id: { type: "uuid", value: "2f3e8a8e-9a6b-4c39-8a7e-3d1c2b4a5f60" },
      },
      body: fromUtf8("{}"),
    });
    const stream = new Uint8Array([...frame, ...encodeEventStreamMessage(headers, payload)]);
    for (const cut of [1, 5, 12, 13, frame.length - 1, frame.length, frame.length + 7]) {
      const decoder = new EventStreamDecoder();
      const messages = [...decoder.push(stream.subarray(0, cut)), ...decoder.push(stream.subarray(cut))];
      expect(messages).toHaveLength(2);
      expect(messages[0]?.headers).toEqual({
        ":event-type": "metadata",
        flag: true,
        off: false,
        small: -3,
        short: 300,
        int: 70_000,
        bin: "AQID",
        id: "2f3e8a8e9a6b4c398a7e3d1c2b4a5f60",
      });
      expect(new TextDecoder().decode(messages[1]?.payload)).toBe(payload);
      expect(decoder.hasPartialFrame).toBe(false);
    }
  });

  it("rejects a frame whose payload was corrupted", () => {
    const frame = encodeEventStreamMessage(headers, payload);
    frame[frame.length - 10] = (frame[frame.length - 10] ?? 0) ^ 0xff;
    expect(() => new EventStreamDecoder().push(frame)).toThrow(EventStreamFrameError);
  });

  it("keeps an unfinished frame buffered", () => {
    const decoder = new EventStreamDecoder();
    expect(decoder.push(encodeEventStreamMessage(headers, payload).subarray(0, 20))).toEqual([]);
    expect(decoder.hasPartialFrame).toBe(true);
  });
});
