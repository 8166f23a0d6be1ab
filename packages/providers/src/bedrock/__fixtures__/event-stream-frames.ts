import { readFixture } from "../../conformance/read-fixture.js";
import { encodeEventStreamMessage } from "../aws-event-stream-codec.js";

/**
 * Turns a `*.events.jsonl` fixture (one `{headers, payload}` message a line, as Bedrock
 * sends them) into the binary frames of the wire, one frame per chunk.
 */
export const eventStreamFrames = (name: string): Uint8Array[] =>
  readFixture(import.meta.url, name)
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => {
      const { headers, payload } = JSON.parse(line) as { headers: Record<string, string>; payload: unknown };
      return encodeEventStreamMessage(headers, JSON.stringify(payload));
    });
