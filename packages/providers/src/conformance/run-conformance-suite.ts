import type { ChatRequest, FinishReason, LanguageModel, ProviderError, StreamEvent, SwitchyardErrorTag, Usage } from "@switchyard/core";
import * as Cause from "effect/Cause";
import * as Effect from "effect/Effect";
import * as Exit from "effect/Exit";
import * as Stream from "effect/Stream";
import { describe, expect, it } from "vitest";
import { startFixtureServer, type FixtureRoute, type FixtureServer } from "../testing/fixture-server.js";

/** A recorded successful answer and what the adapter must make of it. */
export interface ConformanceTextFixture {
  readonly route: FixtureRoute;
  readonly expect: { readonly text: string; readonly finishReason: FinishReason; readonly usage: Partial<Usage> };
}

/** A recorded text stream (its route replays `rawChunks`): its concatenated deltas, finish reason and (when sent) usage. */
export interface ConformanceStreamFixture {
  readonly route: FixtureRoute;
  readonly expect: { readonly text: string; readonly finishReason: FinishReason; readonly usage?: Partial<Usage> };
}

/** A recorded tool-call stream: the calls its deltas must reassemble to (arguments parsed). */
export interface ConformanceToolCallFixture {
  readonly route: FixtureRoute;
  readonly expect: { readonly calls: ReadonlyArray<{ readonly name: string; readonly arguments: unknown }>; readonly finishReason: FinishReason };
}

/** A recorded error answer and the tag (and Retry-After) it must map to. */
export interface ConformanceErrorFixture {
  readonly route: FixtureRoute;
  readonly expect: { readonly tag: SwitchyardErrorTag; readonly status?: number; readonly retryAfterMs?: number };
}

/** Error fixtures by the class of failure they reproduce. */
export type ConformanceErrorName = "rateLimited" | "auth" | "badRequest" | "contextTooLong" | "overloaded" | "unavailable" | "contentFiltered";

/**
 * Options of {@link runConformanceSuite}.
 * @example
 * const opts: ConformanceSuiteOptions = { name: "echo", createModel: (baseURL, apiKey) => echo({ baseURL, apiKey })("echo-1"), fixtures };
 */
export interface ConformanceSuiteOptions {
  readonly name: string;
  /** Builds the adapter under test against the fixture server; `apiKey` is a marker secret the suite checks for leaks. */
  readonly createModel: (baseURL: string, apiKey: string) => LanguageModel;
  readonly fixtures: {
    readonly text: ConformanceTextFixture;
    readonly stream: ConformanceStreamFixture;
    readonly toolCallStream?: ConformanceToolCallFixture;
    readonly errors: Partial<Record<ConformanceErrorName, ConformanceErrorFixture>>;
  };
  /** The request sent in every case; a short user turn by default. */
  readonly request?: ChatRequest;
  /** Set false for providers whose credential is not sent verbatim in a header. Default true. */
  readonly credentialInHeaders?: boolean;
}

// Deliberately not shaped like a vendor key, so only explicit redaction (not a key-pattern mask) hides it.
const SECRET = "conformance-secret-7f3a9c1e5b2d";
const defaultRequest: ChatRequest = { messages: [{ role: "user", content: "Say hello." }], maxTokens: 64 };

const withServer = async <A>(route: FixtureRoute, body: (srv: FixtureServer) => Promise<A>): Promise<A> => {
  const srv = await startFixtureServer({ routes: [route] });
  try {
    return await body(srv);
  } finally {
    await srv.close();
  }
};

const failureOf = <A>(exit: Exit.Exit<A, ProviderError>): ProviderError => {
  if (Exit.isSuccess(exit)) throw new Error(`expected a failure, got ${JSON.stringify(exit.value).slice(0, 200)}`);
  const failure = exit.cause.reasons.find(Cause.isFailReason);
  if (!failure) throw new Error(`expected a typed failure, got ${Cause.pretty(exit.cause)}`);
  return failure.error;
};

const contentTypes = new Set<StreamEvent["type"]>(["text-delta", "reasoning-delta", "tool-call-delta"]);

/** Checks the invariants every stream must hold: one finish, nothing after it but usage. */
const expectWellFormedStream = (events: ReadonlyArray<StreamEvent>): void => {
  const finishes = events.filter((e) => e.type === "finish");
  expect(finishes).toHaveLength(1);
  const after = events.slice(events.findIndex((e) => e.type === "finish") + 1);
  expect(after.every((e) => e.type === "usage")).toBe(true);
  expect(events.filter((e) => e.type === "usage").length).toBeLessThanOrEqual(1);
};

/**
 * Registers vitest `describe`/`it` blocks that hold a provider adapter to the Switchyard
 * contract, replaying recorded wire traffic over real HTTP on 127.0.0.1: generate maps
 * text, usage and finish reason; a stream yields its deltas in order and exactly one
 * finish; tool-call deltas reassemble to valid JSON; every error fixture maps to the right
 * tag with its Retry-After, and no error message carries the API key; a stream cut short
 * is `Unavailable`; interrupting a stream closes the upstream connection.
 * Call it at the top level of a `*.test.ts` file.
 * @example
 * runConformanceSuite({
 *   name: "anthropic",
 *   createModel: (baseURL, apiKey) => anthropic({ baseURL, apiKey })("claude-haiku-4-5"),
 *   fixtures: { text, stream, toolCallStream, errors: { rateLimited, auth } },
 * });
 */
export const runConformanceSuite = (options: ConformanceSuiteOptions): void => {
  const { fixtures } = options;
  const request = options.request ?? defaultRequest;
  const model = (srv: FixtureServer) => options.createModel(srv.url, SECRET);

  describe(`conformance: ${options.name}`, () => {
    it("generate maps text, usage and finish reason, and authenticates", () =>
      withServer(fixtures.text.route, async (srv) => {
        const res = await Effect.runPromise(model(srv).generate(request));
        expect(res.message.content).toBe(fixtures.text.expect.text);
        expect(res.finishReason).toBe(fixtures.text.expect.finishReason);
        expect(res.usage).toMatchObject(fixtures.text.expect.usage);
        expect(res.usage.totalTokens).toBe(res.usage.inputTokens + res.usage.outputTokens);
        expect(srv.requests).toHaveLength(1);
        if (options.credentialInHeaders !== false) expect(JSON.stringify(srv.requests[0]?.headers)).toContain(SECRET);
      }));

    it("stream yields ordered text deltas and exactly one finish", () =>
      withServer(fixtures.stream.route, async (srv) => {
        const events = await Effect.runPromise(Stream.runCollect(model(srv).stream(request)));
        const text = events.flatMap((e) => (e.type === "text-delta" ? [e.delta] : [])).join("");
        expect(text).toBe(fixtures.stream.expect.text);
        expectWellFormedStream(events);
        expect(events.find((e) => e.type === "finish")).toEqual({ type: "finish", finishReason: fixtures.stream.expect.finishReason });
        if (fixtures.stream.expect.usage) {
          const usage = events.find((e) => e.type === "usage");
          expect(usage?.type === "usage" ? usage.usage : undefined).toMatchObject(fixtures.stream.expect.usage);
        }
      }));

    const toolFixture = fixtures.toolCallStream;
    if (toolFixture) {
      it("tool-call deltas reassemble to valid JSON arguments", () =>
        withServer(toolFixture.route, async (srv) => {
          const events = await Effect.runPromise(Stream.runCollect(model(srv).stream(request)));
          expectWellFormedStream(events);
          const calls = new Map<number, { id?: string; name?: string; args: string }>();
          for (const e of events) {
            if (e.type !== "tool-call-delta") continue;
            const call = calls.get(e.index);
            if (!call) {
              // the first delta of a call names it
              expect(e.id).toBeTruthy();
              expect(e.name).toBeTruthy();
              calls.set(e.index, { ...(e.id ? { id: e.id } : {}), ...(e.name ? { name: e.name } : {}), args: e.argumentsDelta });
            } else call.args += e.argumentsDelta;
          }
          const got = [...calls.entries()].sort(([a], [b]) => a - b).map(([, c]) => ({ name: c.name, arguments: JSON.parse(c.args) as unknown }));
          expect(got).toEqual(toolFixture.expect.calls);
          expect(events.find((e) => e.type === "finish")).toEqual({ type: "finish", finishReason: toolFixture.expect.finishReason });
        }));
    }

    for (const [name, fixture] of Object.entries(fixtures.errors)) {
      it(`error "${name}" maps to ${fixture.expect.tag}`, () =>
        withServer(fixture.route, async (srv) => {
          const error = failureOf(await Effect.runPromiseExit(model(srv).generate(request)));
          expect(error._tag).toBe(fixture.expect.tag);
          if (fixture.expect.status !== undefined) expect(error.status).toBe(fixture.expect.status);
          if (fixture.expect.retryAfterMs !== undefined) expect("retryAfterMs" in error ? error.retryAfterMs : undefined).toBe(fixture.expect.retryAfterMs);
          expect(error.message).not.toContain(SECRET);
          expect(error.message.length).toBeGreaterThan(0);
        }));
    }

    const authFixture = fixtures.errors.auth;
    if (authFixture && typeof authFixture.route.body === "string") {
      it("an upstream that echoes the API key in an error does not leak it", () => {
        const body = String(authFixture.route.body).replace(/("message"\s*:\s*")/i, `$1key ${SECRET} is not valid: `);
        expect(body).toContain(SECRET);
        return withServer({ ...authFixture.route, body }, async (srv) => {
          const error = failureOf(await Effect.runPromiseExit(model(srv).generate(request)));
          expect(error._tag).toBe(authFixture.expect.tag);
          expect(JSON.stringify(error)).not.toContain(SECRET);
        });
      });
    }

    it("a stream cut off before its end fails with Unavailable", () => {
      const chunks = fixtures.stream.route.rawChunks ?? [];
      const cut: FixtureRoute = { ...fixtures.stream.route, rawChunks: chunks.slice(0, Math.max(1, Math.floor(chunks.length / 2))), keepOpen: false };
      return withServer(cut, async (srv) => {
        const error = failureOf(await Effect.runPromiseExit(Stream.runCollect(model(srv).stream(request))));
        expect(error._tag).toBe("Unavailable");
      });
    });

    it("interrupting a stream aborts the upstream request", () => {
      const hanging: FixtureRoute = { ...fixtures.stream.route, keepOpen: true };
      return withServer(hanging, async (srv) => {
        const first = await Effect.runPromise(
          model(srv).stream(request).pipe(Stream.filter((e) => contentTypes.has(e.type)), Stream.take(1), Stream.runCollect),
        );
        expect(first).toHaveLength(1);
        const recorded = srv.requests[0];
        expect(recorded).toBeDefined();
        const outcome = await Promise.race([
          recorded?.closed,
          new Promise<"still open">((resolve) => setTimeout(() => resolve("still open"), 3000)),
        ]);
        expect(outcome).toEqual({ aborted: true });
      });
    });
  });
};
