import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { z } from "zod";
import { SimChatRequest } from "./sim-answer.js";
import { respondChat } from "./sim-chat.js";
import { maskHeaders, type SimLogEntry } from "./sim-log.js";
import { SimResponder } from "./sim-responder.js";
import { presetModelNames, scriptForModelName, toSimScript, type SimScript, type SimScriptLike, type SimStep } from "./sim-script.js";
import { SIM_FINGERPRINT, simulatedEmbedding } from "./sim-wire.js";

/**
 * Options of {@link startSimulator}.
 * @example
 * const opts: SimulatorOptions = { port: 0, scripts: { "gpt-flaky": [{ status: 429 }, {}] } };
 */
export interface SimulatorOptions {
  /** 0 (default) picks a free port. */
  readonly port?: number;
  readonly host?: string;
  /** Initial scripts by model name; `reset()` returns to these. */
  readonly scripts?: Readonly<Record<string, SimScriptLike>>;
  /** When set, requests must carry this key (`Authorization: Bearer` or `api-key`) or get a 401. */
  readonly apiKey?: string;
  /** Most recent log entries kept (default 10 000) so long benchmarks do not grow memory. */
  readonly logLimit?: number;
}

/**
 * A running simulator.
 * @example
 * const sim = await startSimulator();
 * const model = createOpenAICompatible({ name: "sim", baseURL: `${sim.url}/v1` })("gpt-4o-mini");
 * await sim.close();
 */
export interface Simulator {
  /** `http://127.0.0.1:PORT` (no `/v1`). */
  readonly url: string;
  readonly port: number;
  readonly log: ReadonlyArray<SimLogEntry>;
  /** Replaces a model's script; its step counter starts over. */
  setScript(model: string, script: SimScriptLike): void;
  /** Forgets the log, step counters and `setScript` scripts (initial scripts stay). */
  reset(): void;
  /** Resolves once no request is in flight (useful after aborting a client request). */
  settled(): Promise<void>;
  close(): Promise<void>;
}

const MAX_BODY = 10 * 1024 * 1024;
const EmbeddingsRequest = z.object({
  model: z.string().min(1),
  input: z.union([z.string(), z.array(z.string()).min(1)]),
  dimensions: z.number().int().positive().max(4096).optional(),
});

const readBody = (req: IncomingMessage): Promise<string | undefined> =>
  new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
    });
    req.on("end", () => resolve(size > MAX_BODY ? undefined : Buffer.concat(chunks).toString("utf8")));
    req.on("error", () => resolve(undefined));
  });

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

const hasKey = (req: IncomingMessage, key: string): boolean =>
  req.headers.authorization === `Bearer ${key}` || req.headers["api-key"] === key || req.headers["x-api-key"] === key;

/**
 * Starts the upstream simulator: an HTTP server speaking the OpenAI chat-completions wire
 * format (`POST /v1/chat/completions` JSON and SSE, `GET /v1/models`, `POST /v1/embeddings`,
 * and Azure's `/openai/deployments/{name}/chat/completions`). Behaviour is scripted per
 * model — by `scripts`/`setScript`, by a model name like `sim-fail-429` or `sim-hang`, or
 * by an `x-sim-script: <json>` request header so other processes can drive it. It is a
 * stand-in for tests and benchmarks and says so: `system_fingerprint` and `owned_by` are
 * "switchyard-simulator" and every response has `x-switchyard-simulator: 1`.
 * @example
 * const sim = await startSimulator({ scripts: { "gpt-4o": { steps: [{ status: 429 }, { status: 429 }] } } });
 * // two 429s with Retry-After: 1, then answers
 */
export const startSimulator = async (options: SimulatorOptions = {}): Promise<Simulator> => {
  const initial = new Map<string, SimScript>();
  for (const [model, script] of Object.entries(options.scripts ?? {})) {
    const parsed = toSimScript(script);
    if (!parsed) throw new TypeError(`invalid simulator script for model "${model}"`);
    initial.set(model, parsed);
  }
  const scripts = new Map(initial);
  const counters = new Map<string, number>();
  const headerScripts = new Map<string, SimScript | undefined>();
  const log: SimLogEntry[] = [];
  const logLimit = options.logLimit ?? 10_000;
  let inFlight = 0;
  let waiters: Array<() => void> = [];
  let nextId = 0;
  let nextCall = 0;

  const nextStep = (key: string, script: SimScript): SimStep => {
    const n = counters.get(key) ?? 0;
    counters.set(key, n + 1);
    return script.steps[n] ?? script.then ?? {};
  };

  /** Header scripts win (so an external driver can override), then set scripts, then model-name presets. */
  const stepFor = (model: string, header: string | undefined): SimStep | "invalid-header" => {
    if (header !== undefined) {
      if (!headerScripts.has(header)) headerScripts.set(header, toSimScript(parseJson(header)));
      const script = headerScripts.get(header);
      return script ? nextStep(`header:${model}:${header}`, script) : "invalid-header";
    }
    const script = scripts.get(model) ?? scriptForModelName(model);
    return script ? nextStep(`model:${model}`, script) : {};
  };

  const done = (): void => {
    inFlight--;
    if (inFlight === 0) {
      const ws = waiters;
      waiters = [];
      for (const w of ws) w();
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    inFlight++;
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    const isPost = req.method === "POST";
    const text = isPost ? await readBody(req) : "";
    const body = text === undefined ? undefined : parseJson(text);
    const deployment = /^\/openai\/deployments\/([^/]+)\/chat\/completions$/.exec(path)?.[1];
    const bodyModel = typeof body === "object" && body !== null && "model" in body && typeof body.model === "string" ? body.model : undefined;
    const model = bodyModel ?? (deployment !== undefined ? decodeURIComponent(deployment) : "");
    const entry: SimLogEntry = {
      id: ++nextId,
      method: req.method ?? "GET",
      path,
      model,
      time: Date.now(),
      stream: typeof body === "object" && body !== null && "stream" in body && body.stream === true,
      body,
      headers: maskHeaders(req.headers),
      outcome: "pending",
      status: 0,
      aborted: false,
      chunksSent: 0,
    };
    log.push(entry);
    if (log.length > logLimit) log.splice(0, log.length - logLimit);
    const r = new SimResponder(res, entry, done);
    if (r.gone) return;

    if (req.method === "GET" && path === "/v1/models") {
      entry.outcome = "ok";
      const ids = [...new Set([...presetModelNames, ...scripts.keys()])];
      return r.json(200, { object: "list", data: ids.map((id) => ({ id, object: "model", created: 0, owned_by: SIM_FINGERPRINT })) });
    }
    const isChat = isPost && (path === "/v1/chat/completions" || deployment !== undefined);
    const isEmbeddings = isPost && path === "/v1/embeddings";
    if (!isChat && !isEmbeddings) return r.badRequest(`Unknown request URL: ${req.method} ${path} (Switchyard simulator)`, null, 404);
    if (text === undefined) return r.badRequest("Request body too large.", null, 413);
    if (body === undefined) return r.badRequest("We could not parse the JSON body of your request.");
    if (options.apiKey !== undefined && !hasKey(req, options.apiKey)) return r.error({ status: 401 });
    const header = req.headers["x-sim-script"];
    const step = stepFor(model, Array.isArray(header) ? header[0] : header);
    if (step === "invalid-header") return r.badRequest("x-sim-script is not a valid simulator script", "x-sim-script");
    const delay = (step.latencyMs ?? 0) + (step.jitterMs ? Math.random() * step.jitterMs : 0);

    if (isEmbeddings) {
      const parsed = EmbeddingsRequest.safeParse(body);
      if (!parsed.success) return r.badRequest(`Invalid embeddings request: ${parsed.error.issues[0]?.message ?? "invalid"}`, "input");
      const inputs = typeof parsed.data.input === "string" ? [parsed.data.input] : parsed.data.input;
      return r.after(delay, () => {
        if (step.hang) return void (entry.outcome = "hang");
        if (step.status !== undefined) return r.error({ ...step, status: step.status });
        const tokens = inputs.reduce((n, s) => n + Math.max(1, Math.ceil(s.length / 4)), 0);
        entry.outcome = "ok";
        r.json(200, {
          object: "list",
          data: inputs.map((s, index) => ({ object: "embedding", index, embedding: simulatedEmbedding(s, parsed.data.dimensions ?? 8) })),
          model: parsed.data.model,
          usage: { prompt_tokens: tokens, total_tokens: tokens },
        });
      });
    }

    const parsed = SimChatRequest.safeParse(deployment !== undefined && bodyModel === undefined ? { ...(body as object), model } : body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return r.badRequest(`Invalid chat request: ${issue?.path.join(".") ?? ""} ${issue?.message ?? ""}`.trim(), issue?.path.join(".") ?? null);
    }
    r.after(delay, () =>
      respondChat(r, {
        request: parsed.data,
        step,
        responseId: `chatcmpl-sim-${entry.id}`,
        nextToolCallId: () => `call_sim_${++nextCall}`,
      }),
    );
  };

  const server = createServer({ keepAliveTimeout: 30_000 }, (req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;

  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    log,
    setScript(model, script) {
      const parsed = toSimScript(script);
      if (!parsed) throw new TypeError(`invalid simulator script for model "${model}"`);
      scripts.set(model, parsed);
      counters.delete(`model:${model}`);
    },
    reset() {
      log.length = 0;
      counters.clear();
      headerScripts.clear();
      scripts.clear();
      for (const [k, v] of initial) scripts.set(k, v);
    },
    settled: () => (inFlight === 0 ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve))),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};
