import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { answerClientError } from "./client-error.js";

const clientError = (code: string) => Object.assign(new Error(code), { code });

/** A socket stand-in that keeps what is written to it. */
const fakeSocket = (httpMessage?: { headersSent: boolean }) => {
  const socket = new PassThrough();
  const written: Buffer[] = [];
  socket.on("data", (b: Buffer) => written.push(b));
  if (httpMessage) Object.assign(socket, { _httpMessage: httpMessage });
  return { socket, text: () => Buffer.concat(written).toString("utf8") };
};

describe("answerClientError", () => {
  it("answers a request that came too slowly with a 408 and an OpenAI error body, then closes", async () => {
    const { socket, text } = fakeSocket();
    answerClientError(clientError("ERR_HTTP_REQUEST_TIMEOUT"), socket);
    await new Promise((resolve) => socket.on("end", resolve));
    const [head = "", body = ""] = text().split("\r\n\r\n");
    expect(head.split("\r\n")[0]).toBe("HTTP/1.1 408 Request Timeout");
    expect(head).toContain("connection: close");
    expect(head).toContain(`content-length: ${Buffer.byteLength(body)}`);
    expect(JSON.parse(body)).toEqual({ error: { message: "The request was not received in time.", type: "invalid_request_error", param: null, code: "request_timeout" } });
  });

  it("writes nothing over an answer already on the wire, and nothing to a reset connection", () => {
    const started = fakeSocket({ headersSent: true });
    answerClientError(clientError("HPE_INVALID_CHUNK_SIZE"), started.socket);
    expect(started.socket.destroyed).toBe(true);
    expect(started.text()).toBe("");

    const reset = fakeSocket();
    answerClientError(clientError("ECONNRESET"), reset.socket);
    expect(reset.socket.destroyed).toBe(true);
    expect(reset.text()).toBe("");
  });
});
