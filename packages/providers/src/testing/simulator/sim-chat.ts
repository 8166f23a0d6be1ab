import { buildAnswer, type SimChatRequest } from "./sim-answer.js";
import type { SimResponder } from "./sim-responder.js";
import type { SimStep } from "./sim-script.js";
import { chunkPayloads, completionBody } from "./sim-wire.js";

interface ChatContext {
  readonly request: SimChatRequest;
  readonly step: SimStep;
  readonly responseId: string;
  readonly nextToolCallId: () => string;
}

const SSE_HEADERS = { "cache-control": "no-cache", connection: "keep-alive" };

const respondJson = (r: SimResponder, ctx: ChatContext): void => {
  const env = { id: ctx.responseId, model: ctx.request.model, created: Math.floor(Date.now() / 1000) };
  if (ctx.step.invalidJson) {
    r.entry.outcome = "invalid-json";
    r.headers(200, "application/json");
    r.res.end(`{"id":"${ctx.responseId}","object":"chat.completion","choices":[{"index":0,"message":`);
    return;
  }
  const text = JSON.stringify(completionBody(buildAnswer(ctx.request, ctx.step, ctx.nextToolCallId), env));
  if (ctx.step.hangAfterChunks !== undefined) {
    r.entry.outcome = "hang";
    r.headers(200, "application/json", { "content-length": String(Buffer.byteLength(text)) });
    r.res.write(text.slice(0, Math.floor(text.length / 2)));
    return;
  }
  if (ctx.step.cutAfterChunks !== undefined) {
    r.headers(200, "application/json", { "content-length": String(Buffer.byteLength(text)) });
    r.res.write(text.slice(0, Math.floor(text.length / 2)), () => r.cut());
    return;
  }
  r.entry.outcome = "ok";
  r.headers(200, "application/json");
  r.res.end(text);
};

const respondStream = (r: SimResponder, ctx: ChatContext): void => {
  const env = { id: ctx.responseId, model: ctx.request.model, created: Math.floor(Date.now() / 1000) };
  const answer = buildAnswer(ctx.request, ctx.step, ctx.nextToolCallId);
  const payloads = chunkPayloads(answer, env, {
    includeUsage: ctx.request.stream_options?.include_usage === true,
    ...(ctx.step.chunkChars !== undefined ? { chunkChars: ctx.step.chunkChars } : {}),
  });
  if (ctx.step.invalidJson) payloads.splice(1, payloads.length - 1, `{"id":"${ctx.responseId}","choices":[{"delta":{"content":"broken`, "[DONE]");
  const cutAt = ctx.step.cutAfterChunks;
  const stallAt = ctx.step.hangAfterChunks;
  const ttft = ctx.step.ttftMs ?? 0;
  const gap = ctx.step.chunkDelayMs ?? 0;
  r.headers(200, "text/event-stream; charset=utf-8", SSE_HEADERS);
  r.res.flushHeaders();
  const finish = (): void => {
    if (cutAt !== undefined) return r.cut();
    if (stallAt !== undefined) return void (r.entry.outcome = "hang");
    r.entry.outcome = ctx.step.invalidJson ? "invalid-json" : "ok";
    r.res.end();
  };
  const stop = cutAt ?? stallAt;
  const limit = stop === undefined ? payloads.length : Math.min(stop, payloads.length);
  if (ttft === 0 && gap === 0) {
    // Fast path for benchmarks: one write for the whole stream.
    r.entry.chunksSent = limit;
    r.res.write(payloads.slice(0, limit).map((p) => `data: ${p}\n\n`).join(""), finish);
    return;
  }
  const send = (i: number): void => {
    if (i >= limit) return finish();
    r.entry.chunksSent = i + 1;
    r.res.write(`data: ${payloads[i]}\n\n`);
    r.after(gap, () => send(i + 1));
  };
  r.after(ttft, () => send(0));
};

/**
 * Answers one chat-completions request per its step: an HTTP error, a hang, or a JSON / SSE
 * answer that may be cut off or broken on purpose.
 * @example
 * respondChat(responder, { request, step: { text: "Hi" }, responseId: "chatcmpl-sim-1", nextToolCallId });
 */
export const respondChat = (r: SimResponder, ctx: ChatContext): void => {
  if (ctx.step.hang) {
    r.entry.outcome = "hang";
    return;
  }
  if (ctx.step.status !== undefined) return r.error({ ...ctx.step, status: ctx.step.status });
  if (ctx.request.stream === true) return respondStream(r, ctx);
  respondJson(r, ctx);
};
