import { z } from "zod";

/**
 * One scripted upstream behaviour. Every field is optional: an empty step is a fast,
 * successful answer. Times are milliseconds.
 * @example
 * const rateLimited: SimStep = { status: 429, retryAfter: 2 };
 * const slowStream: SimStep = { ttftMs: 300, chunkDelayMs: 20, text: "Hello there" };
 */
export const SimStep = z.object({
  /** Delay before the response headers (the whole answer, when not streaming). */
  latencyMs: z.number().nonnegative().optional(),
  /** Uniform random extra delay in [0, jitterMs) added to `latencyMs`. */
  jitterMs: z.number().nonnegative().optional(),
  /** Streaming: delay between the headers and the first content chunk. */
  ttftMs: z.number().nonnegative().optional(),
  /** Streaming: delay between content chunks. */
  chunkDelayMs: z.number().nonnegative().optional(),
  /** Answer with this HTTP error status and an OpenAI-style error body. */
  status: z.number().int().min(400).max(599).optional(),
  /** Override the error body (any JSON) for `status`. */
  errorBody: z.unknown().optional(),
  /** `Retry-After` for 429/503, in seconds (default 1 for 429). */
  retryAfter: z.number().nonnegative().optional(),
  /** Never answer; the connection stays open until the client gives up. */
  hang: z.boolean().optional(),
  /** Destroy the socket after this many SSE chunks (or half the JSON body when not streaming). */
  cutAfterChunks: z.number().int().nonnegative().optional(),
  /** Send this many SSE chunks (or half the JSON body when not streaming), then stall with the connection open. */
  hangAfterChunks: z.number().int().nonnegative().optional(),
  /** Answer 200 with a body (or SSE chunk) that is not valid JSON. */
  invalidJson: z.boolean().optional(),
  /** The completion text (default: a short deterministic sentence). */
  text: z.string().optional(),
  /** Answer with this JSON value serialised as the content. */
  json: z.unknown().optional(),
  /** DeepSeek-style `reasoning_content` sent before the answer. */
  reasoning: z.string().optional(),
  /** Tool calls to make; `arguments` is a JSON string or a value to serialise. `"auto"` calls the request's first tool. */
  toolCalls: z.union([z.literal("auto"), z.array(z.object({ name: z.string(), arguments: z.unknown().optional() }))]).optional(),
  finishReason: z.enum(["stop", "length", "tool_calls", "content_filter"]).optional(),
  promptTokens: z.number().int().nonnegative().optional(),
  completionTokens: z.number().int().nonnegative().optional(),
  cachedTokens: z.number().int().nonnegative().optional(),
  reasoningTokens: z.number().int().nonnegative().optional(),
  /** Characters per streamed text chunk (default: one word per chunk). */
  chunkChars: z.number().int().positive().optional(),
});
export type SimStep = z.infer<typeof SimStep>;

/**
 * A per-model script: `steps` are consumed one per request, then `then` answers every
 * later request. "Fail twice with 429, then succeed" is `{ steps: [{ status: 429 }, { status: 429 }] }`.
 * @example
 * sim.setScript("gpt-flaky", { steps: [{ status: 429 }, { status: 429 }], then: { text: "ok" } });
 */
export const SimScript = z.object({ steps: z.array(SimStep).default([]), then: SimStep.optional() });
export type SimScript = z.infer<typeof SimScript>;
export type SimScriptInput = z.input<typeof SimScript>;

/**
 * What a caller may pass as a script: a full script, a list of steps, or one step that
 * applies to every request.
 * @example
 * const a: SimScriptLike = [{ status: 500 }, {}];
 */
export type SimScriptLike = SimScriptInput | ReadonlyArray<z.input<typeof SimStep>> | z.input<typeof SimStep>;

/**
 * Normalises any script form; returns `undefined` when it is not a valid script.
 * @example
 * toSimScript([{ status: 429 }]); // { steps: [{ status: 429 }] }
 */
export const toSimScript = (value: unknown): SimScript | undefined => {
  if (Array.isArray(value)) {
    const steps = z.array(SimStep).safeParse(value);
    return steps.success ? { steps: steps.data } : undefined;
  }
  if (typeof value === "object" && value !== null && ("steps" in value || "then" in value)) {
    const script = SimScript.safeParse(value);
    return script.success ? script.data : undefined;
  }
  const step = SimStep.safeParse(value);
  return step.success ? { steps: [], then: step.data } : undefined;
};

/** Model names that pick a behaviour, for callers (gateway configs, benchmarks) that can only set a model name. */
const PRESETS: ReadonlyArray<{ readonly pattern: RegExp; readonly script: (m: RegExpExecArray) => SimScript; readonly example: string }> = [
  {
    // sim-fail-429, sim-fail-503x2 (fail twice, then succeed)
    pattern: /^sim-fail-(\d{3})(?:x(\d+))?$/,
    example: "sim-fail-429",
    script: (m) => {
      const step: SimStep = { status: Number(m[1]) };
      return m[2] === undefined ? { steps: [], then: step } : { steps: Array.from({ length: Number(m[2]) }, () => step) };
    },
  },
  { pattern: /^sim-hang$/, example: "sim-hang", script: () => ({ steps: [], then: { hang: true } }) },
  { pattern: /^sim-cut(?:-(\d+))?$/, example: "sim-cut-3", script: (m) => ({ steps: [], then: { cutAfterChunks: Number(m[1] ?? 2) } }) },
  { pattern: /^sim-invalid-json$/, example: "sim-invalid-json", script: () => ({ steps: [], then: { invalidJson: true } }) },
  { pattern: /^sim-latency-(\d+)$/, example: "sim-latency-200", script: (m) => ({ steps: [], then: { latencyMs: Number(m[1]) } }) },
  { pattern: /^sim-ttft-(\d+)$/, example: "sim-ttft-100", script: (m) => ({ steps: [], then: { ttftMs: Number(m[1]) } }) },
  { pattern: /^sim-tools$/, example: "sim-tools", script: () => ({ steps: [], then: { toolCalls: "auto" } }) },
  { pattern: /^sim-reasoning$/, example: "sim-reasoning", script: () => ({ steps: [], then: { reasoning: "Let me think about this." } }) },
  {
    pattern: /^sim-context-length$/,
    example: "sim-context-length",
    script: () => ({ steps: [], then: { status: 400, errorBody: contextLengthBody } }),
  },
  {
    pattern: /^sim-content-filter$/,
    example: "sim-content-filter",
    script: () => ({ steps: [], then: { status: 400, errorBody: contentFilterBody } }),
  },
];

const contextLengthBody = {
  error: {
    message: "This model's maximum context length is 8192 tokens. However, your messages resulted in 9000 tokens. Please reduce the length of the messages.",
    type: "invalid_request_error",
    param: "messages",
    code: "context_length_exceeded",
  },
};

const contentFilterBody = {
  error: {
    message: "The response was filtered due to the prompt triggering Azure OpenAI's content management policy.",
    type: null,
    param: "prompt",
    code: "content_filter",
    status: 400,
    innererror: { code: "ResponsibleAIPolicyViolation", content_filter_result: { violence: { filtered: true, severity: "medium" } } },
  },
};

/**
 * The script a model name selects (`sim-fail-429`, `sim-fail-503x2`, `sim-hang`, `sim-cut-3`,
 * `sim-invalid-json`, `sim-latency-200`, `sim-ttft-100`, `sim-tools`, `sim-reasoning`,
 * `sim-context-length`, `sim-content-filter`), or `undefined` for an ordinary name.
 * @example
 * scriptForModelName("sim-fail-429x2"); // two 429s, then success
 */
export const scriptForModelName = (model: string): SimScript | undefined => {
  for (const preset of PRESETS) {
    const match = preset.pattern.exec(model);
    if (match) return preset.script(match);
  }
  return undefined;
};

/** Example model names for `GET /v1/models`. @example presetModelNames.includes("sim-hang"); // true */
export const presetModelNames: ReadonlyArray<string> = ["sim-default", ...PRESETS.map((p) => p.example)];
