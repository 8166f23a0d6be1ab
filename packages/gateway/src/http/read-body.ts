import type { IncomingMessage } from "node:http";
import { GatewayError } from "./gateway-error.js";

/**
 * Reads a request body up to `maxBytes`, rejecting with a 413 as soon as it is passed (the
 * declared `content-length` is checked before reading a byte).
 * @example
 * const text = await readBody(req, 4 * 1024 * 1024);
 */
export const readBody = (req: IncomingMessage, maxBytes: number): Promise<string> => {
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > maxBytes) {
    req.resume();
    return Promise.reject(tooLarge(maxBytes));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on("data", (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > maxBytes) {
        done = true;
        // Keep draining so the 413 can still be written on this connection.
        req.resume();
        reject(tooLarge(maxBytes));
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => {
      if (done) return;
      done = true;
      resolve(chunks.length === 1 ? chunks[0]!.toString("utf8") : Buffer.concat(chunks).toString("utf8"));
    });
    req.on("error", (err) => {
      if (done) return;
      done = true;
      reject(err);
    });
  });
};

const tooLarge = (maxBytes: number): GatewayError =>
  new GatewayError(413, "invalid_request_error", "request_too_large", `Request body is larger than the limit of ${maxBytes} bytes.`);

/**
 * Parses a JSON body, turning a syntax error into an OpenAI-style 400.
 * @example
 * const body = parseJsonBody('{"model":"main"}');
 */
export const parseJsonBody = (text: string): unknown => {
  const depth = jsonNestingExceeds(text, MAX_JSON_DEPTH);
  if (depth) {
    throw new GatewayError(400, "invalid_request_error", "invalid_json", `The JSON body of your request is nested deeper than ${MAX_JSON_DEPTH} levels.`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    const detail = e instanceof SyntaxError ? e.message : "invalid JSON";
    throw new GatewayError(400, "invalid_request_error", "invalid_json", `We could not parse the JSON body of your request: ${detail}`);
  }
};

/**
 * Deepest nesting a request body may have. Real requests (tool schemas included) stay far
 * below it; deeper ones would overflow the stack in every recursive walk downstream
 * (cache keys, provider serialisation), so they are refused at the edge with a 400.
 */
export const MAX_JSON_DEPTH = 128;

/**
 * True when the JSON text nests objects/arrays deeper than `limit`. One linear pass over the
 * text, skipping strings, with no recursion and no allocation.
 * @example
 * jsonNestingExceeds('{"a":[[1]]}', 2); // true
 */
export const jsonNestingExceeds = (text: string, limit: number): boolean => {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \\ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (++depth > limit) return true;
    } else if (c === 125 /* } */ || c === 93 /* ] */) depth--;
  }
  return false;
};
