import { z } from "zod";
import { authenticate, authorize } from "../auth/authenticate.js";
import { GatewayError, modelNotFound } from "../http/gateway-error.js";
import { parseJsonBody, readBody } from "../http/read-body.js";
import { sendJson } from "../http/respond.js";
import { firstIssue } from "../internal/format-issue-path.js";
import { runEffect } from "../internal/run-effect.js";
import { reserveKeyLimits } from "../limits/key-limits.js";
import type { Handler } from "../server/gateway-context.js";

const EmbeddingsRequest = z.object({
  model: z.string().min(1),
  input: z.union([z.string(), z.array(z.string()).min(1).max(2048)]),
  dimensions: z.number().int().positive().optional(),
  encoding_format: z.enum(["float", "base64"]).optional(),
  user: z.string().optional(),
});

/** OpenAI's base64 encoding: little-endian float32s. */
const toBase64 = (v: ReadonlyArray<number>): string => {
  const buf = Buffer.alloc(v.length * 4);
  v.forEach((x, i) => buf.writeFloatLE(x, i * 4));
  return buf.toString("base64");
};

/**
 * `POST /v1/embeddings`: passed to the embedding model the config names (`embeddings`).
 * @example
 * // curl -s localhost:8787/v1/embeddings -d '{"model":"small","input":"hello"}'
 */
export const embeddings: Handler = async (gw, ex) => {
  const key = await authenticate(ex.req, ex.runtime, gw.keys);
  const text = await readBody(ex.req, ex.runtime.settings.limits.maxBodyBytes);
  const parsed = EmbeddingsRequest.safeParse(parseJsonBody(text));
  if (!parsed.success) {
    const { message, path } = firstIssue(parsed.error);
    throw new GatewayError(400, "invalid_request_error", "invalid_request", `Invalid request: ${message}`, path || null);
  }
  const body = parsed.data;
  const model = ex.runtime.embeddings.get(body.model);
  if (model === undefined) throw modelNotFound(body.model);
  authorize(key, body.model, body.model);
  const inputs = typeof body.input === "string" ? [body.input] : body.input;
  const reservation = key === undefined ? undefined : await reserveKeyLimits(gw.state, key, { tokens: Math.ceil(Buffer.byteLength(text) / 3), costUsd: 0 });
  let result;
  try {
    result = await runEffect(model.embed(inputs, body.dimensions === undefined ? {} : { dimensions: body.dimensions }), ex.cancellation);
  } finally {
    await reservation?.settle({ tokens: result?.usage.inputTokens ?? 0, costUsd: 0 });
  }
  sendJson(
    ex.res,
    200,
    {
      object: "list",
      data: result.embeddings.map((e, index) => ({ object: "embedding", index, embedding: body.encoding_format === "base64" ? toBase64(e) : e })),
      model: result.model,
      usage: { prompt_tokens: result.usage.inputTokens, total_tokens: result.usage.inputTokens },
    },
    { "x-request-id": ex.requestId },
  );
};
