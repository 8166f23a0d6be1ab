import * as Effect from "effect/Effect";
import * as Exit from "effect/Exit";
import * as Stream from "effect/Stream";
import { Cancelled, ConfigError, type SwitchyardError } from "../errors/index.js";
import { compileRoute, resolveEntry, type CompiledRoute, type ResolvedModel } from "../graph/compile-route.js";
import type { RouteGraph } from "../graph/route-graph.js";
import type { ModelEntry, ModelName, ModelPool, RouteSpec } from "../graph/route-spec.js";
import type { ChatRequest } from "../schema/index.js";
import { makeMemoryRouterState, type RouterStateService } from "../state/index.js";
import type { RouteResult, RouterStreamEvent } from "./run-info.js";
import { noopObserver, type RunObserver } from "./run-observer.js";
import { routedStream } from "./routed-stream.js";
import { runRoute, type RunEnv, type RunOutcome } from "./run-route.js";

/** Options of one routed call. */
export interface CallOptions {
  /** Aborting it cancels the run and the upstream request. */
  readonly signal?: AbortSignal;
  /** Tags carried into traces (never sent upstream). */
  readonly metadata?: Readonly<Record<string, string>>;
}

/** What `createRouter` takes. */
export interface RouterOptions<P extends ModelPool, R extends Readonly<Record<string, RouteSpec<ModelName<P>>>>> {
  readonly models: P;
  readonly routes: R;
  /** Shared router state; in-memory by default, Redis-backed from the gateway for many replicas. */
  readonly state?: RouterStateService;
  /** Run lifecycle observer (telemetry). Default: none. Use `otelObserver()` for OpenTelemetry. */
  readonly observer?: RunObserver;
  /** Random source for jitter and weighted picks (tests pin it). */
  readonly random?: () => number;
}

/** The validated value type of a route, when it validates with a schema. */
export type RouteValue<S> = S extends { readonly validate?: { readonly schema?: { readonly _zod: { readonly output: infer T } } } } ? T : unknown;

/**
 * A router: runs requests through named routes. Promise/async-iterable methods for
 * application code; `chatEffect` / `streamEffect` for Effect code.
 * @example
 * const res = await router.chat("main", { messages: [{ role: "user", content: "Hi" }] });
 * for await (const ev of router.stream("main", req)) if (ev.type === "text-delta") process.stdout.write(ev.delta);
 */
export interface Router<R extends Readonly<Record<string, unknown>> = Readonly<Record<string, unknown>>> {
  readonly routes: ReadonlyArray<Extract<keyof R, string>>;
  readonly modelNames: ReadonlyArray<string>;
  /** The drawable graph of a compiled route. */
  graph(route: Extract<keyof R, string>): RouteGraph;
  /** A model of the pool, by name. */
  entry(name: string): ModelEntry | undefined;
  /** The state service runs record into. */
  readonly state: RouterStateService;
  chat<K extends Extract<keyof R, string>>(route: K, request: ChatRequest, options?: CallOptions): Promise<RouteResult<RouteValue<R[K]>>>;
  stream(route: Extract<keyof R, string>, request: ChatRequest, options?: CallOptions): AsyncIterable<RouterStreamEvent>;
  chatEffect<K extends Extract<keyof R, string>>(route: K, request: ChatRequest, options?: Omit<CallOptions, "signal">): Effect.Effect<RouteResult<RouteValue<R[K]>>, SwitchyardError>;
  streamEffect(route: Extract<keyof R, string>, request: ChatRequest, options?: Omit<CallOptions, "signal">): Stream.Stream<RouterStreamEvent, SwitchyardError>;
}

const toResult = (outcome: Extract<RunOutcome, { kind: "response" }>): RouteResult => {
  const run = outcome.run.info(outcome.model.name);
  outcome.run.trace.end(run, { response: outcome.response });
  // Object.assign, not spreads: on Node 20 `{ ...response, run }` gets a hidden class per result.
  return Object.assign({}, outcome.response, outcome.value === undefined ? { run } : { run, value: outcome.value });
};

/** Rejects with the tagged error itself (an Error subclass), so callers can `instanceof`/`_tag` it. */
const runToPromise = <A>(effect: Effect.Effect<A, SwitchyardError>, signal: AbortSignal | undefined, route: string): Promise<A> =>
  Effect.runPromiseExit(effect, signal === undefined ? undefined : { signal }).then((exit) => {
    if (Exit.isSuccess(exit)) return exit.value;
    const error = exit.cause.reasons.find((r) => r._tag === "Fail");
    if (error !== undefined && error._tag === "Fail") throw error.error;
    if (signal?.aborted === true) throw new Cancelled({ message: `route "${route}": request cancelled by the caller` });
    throw exit.cause.reasons.find((r) => r._tag === "Die")?.defect ?? new Cancelled({ message: `route "${route}": run interrupted` });
  });

/**
 * Creates a router from a model pool and routes. Every route is compiled and checked at
 * start-up: a misnamed model is a compile-time error in TypeScript, and a `ConfigError`
 * naming the field for routes built at run time (e.g. from JSON).
 * @example
 * const router = createRouter({
 *   models: { primary: openai("gpt-4o"), backup: { model: anthropic("claude-sonnet-4-5"), spec } },
 *   routes: {
 *     main: { models: ["primary", "backup"], retry: { maxRetries: 2 } },
 *   },
 * });
 * const res = await router.chat("main", { messages: [{ role: "user", content: "Hello" }] });
 */
export const createRouter = <const P extends ModelPool, const R extends Readonly<Record<string, RouteSpec<NoInfer<ModelName<P>>>>>>(
  options: RouterOptions<P, R>,
): Router<R> => {
  const { models, routes } = options;
  if (models === null || typeof models !== "object" || Object.keys(models).length === 0) {
    throw new ConfigError({ message: "createRouter needs at least one model in `models`", path: ["models"] });
  }
  for (const [name, entry] of Object.entries(models)) {
    const m = entry !== null && typeof entry === "object" && "generate" in entry ? entry : (entry as ModelEntry | null)?.model;
    if (m === undefined || m === null || typeof m.generate !== "function" || typeof m.stream !== "function") {
      throw new ConfigError({ message: `model "${name}" is not a LanguageModel (or { model, spec })`, path: ["models", name] });
    }
  }
  const compiled = new Map<string, CompiledRoute>();
  for (const [name, spec] of Object.entries(routes ?? {})) compiled.set(name, compileRoute(name, spec as RouteSpec<string>, models));
  if (compiled.size === 0) throw new ConfigError({ message: "createRouter needs at least one route in `routes`", path: ["routes"] });

  const state = options.state ?? makeMemoryRouterState();
  const env: RunEnv = { state, observer: options.observer ?? noopObserver, random: options.random ?? Math.random };
  const unknownRoute = (name: string) => new ConfigError({ message: `unknown route "${name}" (routes: ${[...compiled.keys()].join(", ")})`, path: ["route"] });
  const routeOf = (name: string): Effect.Effect<CompiledRoute, SwitchyardError> => {
    const r = compiled.get(name);
    return r === undefined ? Effect.fail(unknownRoute(name)) : Effect.succeed(r);
  };
  const runOptions = (streaming: boolean, metadata: Readonly<Record<string, string>> | undefined) =>
    metadata === undefined ? { streaming } : { streaming, metadata };

  // The hot path: one map lookup and one `map` around the run.
  const chatEffect = (route: string, request: ChatRequest, opts?: Omit<CallOptions, "signal">) => {
    const r = compiled.get(route);
    if (r === undefined) return Effect.fail(unknownRoute(route));
    return Effect.map(runRoute(r, request, env, runOptions(false, opts?.metadata)), (o) => toResult(o as Extract<RunOutcome, { kind: "response" }>));
  };

  /** Opens a routed stream; the returned stream delivers the rest and closes the upstream on exit. */
  const streamEffect = (route: string, request: ChatRequest, opts?: Omit<CallOptions, "signal">): Stream.Stream<RouterStreamEvent, SwitchyardError> =>
    Stream.unwrap(
      routeOf(route).pipe(
        Effect.flatMap((r) => runRoute(r, request, env, runOptions(true, opts?.metadata))),
        Effect.map((outcome) => (outcome.kind === "stream" ? routedStream(outcome.run, outcome.stream, state) : Stream.die(new Error("stream run ended without a stream")))),
      ),
    );

  return {
    routes: [...compiled.keys()] as Array<Extract<keyof R, string>>,
    modelNames: Object.keys(models),
    graph: (route) => {
      const r = compiled.get(route);
      if (r === undefined) throw new ConfigError({ message: `unknown route "${route}"`, path: ["route"] });
      return r.graph;
    },
    entry: (name) => {
      const e = models[name];
      if (e === undefined) return undefined;
      const r: ResolvedModel = resolveEntry(name, e);
      return r.spec === undefined ? { model: r.model } : { model: r.model, spec: r.spec };
    },
    state,
    chat: (route, request, opts) => runToPromise(chatEffect(route, request, opts), opts?.signal, route) as never,
    chatEffect: chatEffect as never,
    streamEffect,
    stream: (route, request, opts) => ({
      [Symbol.asyncIterator]: () => {
        const signal = opts?.signal;
        const iterator = Stream.toAsyncIterable(streamEffect(route, request, opts))[Symbol.asyncIterator]();
        if (signal === undefined) return iterator;
        return {
          next: () => {
            const cancelled = () => new Cancelled({ message: `route "${route}": request cancelled by the caller` });
            if (signal.aborted) return (iterator.return?.() ?? Promise.resolve()).then(() => Promise.reject(cancelled()));
            return new Promise((resolve, reject) => {
              const onAbort = () => {
                void iterator.return?.();
                reject(cancelled());
              };
              signal.addEventListener("abort", onAbort, { once: true });
              iterator.next().then(
                (v) => { signal.removeEventListener("abort", onAbort); resolve(v); },
                (e: unknown) => { signal.removeEventListener("abort", onAbort); reject(e); },
              );
            });
          },
          return: (v?: unknown) => iterator.return?.(v) ?? Promise.resolve({ done: true as const, value: undefined }),
        };
      },
    }),
  };
};
