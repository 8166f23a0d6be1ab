import { crc32 } from "node:zlib";

/**
 * One message of the AWS event-stream binary framing (`application/vnd.amazon.eventstream`)
 * with its string headers (`:event-type`, `:message-type`, `:exception-type`...) and raw payload.
 * @example
 * const m: EventStreamMessage = { headers: { ":event-type": "messageStop" }, payload: new TextEncoder().encode("{}") };
 */
export interface EventStreamMessage {
  readonly headers: Readonly<Record<string, string | number | boolean>>;
  readonly payload: Uint8Array;
}

/** A frame that fails its CRC or length checks: the transport corrupted it. */
export class EventStreamFrameError extends Error {
  override readonly name = "EventStreamFrameError";
}

const PRELUDE = 12; // total length, headers length, prelude CRC
const TRAILER = 4; // message CRC
const utf8 = new TextDecoder("utf-8", { fatal: true });

const readHeaders = (view: DataView, bytes: Uint8Array, start: number, end: number): Record<string, string | number | boolean> => {
  const headers: Record<string, string | number | boolean> = {};
  let at = start;
  while (at < end) {
    const nameLength = view.getUint8(at);
    const name = utf8.decode(bytes.subarray(at + 1, at + 1 + nameLength));
    at += 1 + nameLength;
    const type = view.getUint8(at++);
    switch (type) {
      case 0:
      case 1:
        headers[name] = type === 0;
        break;
      case 2:
        headers[name] = view.getInt8(at);
        at += 1;
        break;
      case 3:
        headers[name] = view.getInt16(at);
        at += 2;
        break;
      case 4:
        headers[name] = view.getInt32(at);
        at += 4;
        break;
      case 5:
      case 8: // int64 / timestamp: precise enough as a number for what we read
        headers[name] = Number(view.getBigInt64(at));
        at += 8;
        break;
      case 6:
      case 7: {
        const length = view.getUint16(at);
        const value = bytes.subarray(at + 2, at + 2 + length);
        headers[name] = type === 7 ? utf8.decode(value) : Buffer.from(value).toString("base64");
        at += 2 + length;
        break;
      }
      case 9:
        headers[name] = Buffer.from(bytes.subarray(at, at + 16)).toString("hex");
        at += 16;
        break;
      default:
        throw new EventStreamFrameError(`unknown event-stream header type ${type}`);
    }
  }
  return headers;
};

/**
 * Incremental decoder: feed it body chunks cut anywhere, get whole messages back. Both
 * CRCs are checked, so a corrupted frame is an error rather than garbage JSON.
 * @example
 * const decoder = new EventStreamDecoder();
 * for (const message of decoder.push(chunk)) console.log(message.headers[":event-type"]);
 */
export class EventStreamDecoder {
  private buffer = new Uint8Array(0);

  /** Adds bytes; returns the messages they complete. Throws `EventStreamFrameError` on a bad frame. */
  push(chunk: Uint8Array): EventStreamMessage[] {
    const joined = new Uint8Array(this.buffer.length + chunk.length);
    joined.set(this.buffer);
    joined.set(chunk, this.buffer.length);
    const out: EventStreamMessage[] = [];
    let at = 0;
    while (joined.length - at >= PRELUDE) {
      const view = new DataView(joined.buffer, joined.byteOffset + at);
      const total = view.getUint32(0);
      const headersLength = view.getUint32(4);
      if (crc32(joined.subarray(at, at + 8)) !== view.getUint32(8)) throw new EventStreamFrameError("event-stream prelude CRC mismatch");
      if (total < PRELUDE + TRAILER + headersLength) throw new EventStreamFrameError("event-stream frame length is invalid");
      if (joined.length - at < total) break;
      const frame = joined.subarray(at, at + total);
      if (crc32(frame.subarray(0, total - TRAILER)) !== view.getUint32(total - TRAILER)) throw new EventStreamFrameError("event-stream message CRC mismatch");
      out.push({
        headers: readHeaders(view, joined.subarray(at), PRELUDE, PRELUDE + headersLength),
        payload: frame.slice(PRELUDE + headersLength, total - TRAILER),
      });
      at += total;
    }
    this.buffer = joined.slice(at);
    return out;
  }

  /** True when bytes of an unfinished frame are still buffered (the body was cut mid-frame). */
  get hasPartialFrame(): boolean {
    return this.buffer.length > 0;
  }
}

/**
 * Encodes one message with string headers: what Bedrock sends, used to build fixtures and
 * by anything that must speak the framing (a simulator).
 * @example
 * const frame = encodeEventStreamMessage({ ":event-type": "messageStop", ":message-type": "event" }, '{"stopReason":"end_turn"}');
 */
export const encodeEventStreamMessage = (headers: Readonly<Record<string, string>>, payload: string | Uint8Array): Uint8Array => {
  const enc = new TextEncoder();
  const headerParts = Object.entries(headers).map(([name, value]) => {
    const n = enc.encode(name);
    const v = enc.encode(value);
    const part = new Uint8Array(1 + n.length + 1 + 2 + v.length);
    const view = new DataView(part.buffer);
    view.setUint8(0, n.length);
    part.set(n, 1);
    view.setUint8(1 + n.length, 7);
    view.setUint16(2 + n.length, v.length);
    part.set(v, 4 + n.length);
    return part;
  });
  const headersLength = headerParts.reduce((sum, p) => sum + p.length, 0);
  const body = typeof payload === "string" ? enc.encode(payload) : payload;
  const total = PRELUDE + headersLength + body.length + TRAILER;
  const frame = new Uint8Array(total);
  const view = new DataView(frame.buffer);
  view.setUint32(0, total);
  view.setUint32(4, headersLength);
  view.setUint32(8, crc32(frame.subarray(0, 8)));
  let at = PRELUDE;
  for (const part of headerParts) {
    frame.set(part, at);
    at += part.length;
  }
  frame.set(body, at);
  view.setUint32(total - TRAILER, crc32(frame.subarray(0, total - TRAILER)));
  return frame;
};
