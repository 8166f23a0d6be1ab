import { Effect, Stream } from "effect";
import { afterEach, describe, expect, it } from "vitest";
import type { ChatRequest, ProviderError } from "@switchyard/core";
import { loadChunks, loadJsonFixture, startFixtureServer, startSimulator, type FixtureRoute, type FixtureServer } from "../testing/index.js";
import { azure } from "./azure-provider.js";

const fixture = (name: string): URL => new URL(`./__fixtures__/${name}`, import.meta.url);
const KEY = "azure-fixture-key-0123456789abcdef";
const hi: ChatRequest = { messages: [{ role: "user", content: "Hello" }] };
const PATH = "/openai/deployments/gpt-4o-prod/chat/completions";

let server: FixtureServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const serve = async (route: Omit<FixtureRoute, "path" | "method">) => {
  server = await startFixtureServer({ routes: [{ method: "POST", path: PATH, ...route }] });
  return azure({ baseURL: server.url, apiKey: KEY, apiVersion: "2024-10-21" })("gpt-4o-prod");
};
const fail = (e: Effect.Effect<unknown, ProviderError>): Promise<ProviderError> => Effect.runPromise(Effect.flip(e));

describe("azure adapter", () => {
  it("calls the deployment URL with api-version and the api-key header", async () => {
    const model = await serve({ body: loadJsonFixture(fixture("azure-text.json")) });
    const res = await Effect.runPromise(model.generate(hi));
    expect(res.message.content).toBe("Hello! How can I help you today?");
    expect(res.usage).toMatchObject({ inputTokens: 18, outputTokens: 10 });
    const req = server!.requests[0]!;
    expect(req.path).toBe(PATH);
    expect(req.query).toEqual({ "api-version": "2024-10-21" });
    expect(req.headers["api-key"]).toBe(KEY);
    expect(req.headers.authorization).toBeUndefined();
  });

  it("streams past Azure's leading prompt_filter_results chunk", async () => {
    const model = await serve({ chunks: loadChunks(fixture("azure-text.chunks.txt")) });
    const events = await Effect.runPromise(Stream.runCollect(model.stream(hi)));
    expect(events).toEqual([
      { type: "response-metadata", id: "chatcmpl-AzureStream1", model: "gpt-4o-2024-11-20" },
      { type: "text-delta", delta: "Hi" },
      { type: "usage", usage: { inputTokens: 18, outputTokens: 1, totalTokens: 19, cachedInputTokens: 0, reasoningTokens: 0 } },
      { type: "finish", finishReason: "stop" },
    ]);
  });

  it("maps the content-filter body to ContentFiltered", async () => {
    const model = await serve({ status: 400, body: loadJsonFixture(fixture("azure-content-filter.json")) });
    const e = await fail(model.generate(hi));
    expect(e._tag).toBe("ContentFiltered");
    expect(e).toMatchObject({ provider: "azure", model: "gpt-4o-prod", status: 400 });
  });

  it("maps a missing deployment to BadRequest and a 429 with retry-after", async () => {
    expect((await fail((await serve({ status: 404, body: loadJsonFixture(fixture("azure-deployment-not-found.json")) })).generate(hi)))._tag).toBe(
      "BadRequest",
    );
    await server?.close();
    const limited = await fail((await serve({ status: 429, headers: { "retry-after": "6" }, body: loadJsonFixture(fixture("azure-429.json")) })).generate(hi));
    expect(limited._tag === "RateLimited" && limited.retryAfterMs).toBe(6000);
  });

  it("works against the simulator's Azure route", async () => {
    const sim = await startSimulator();
    try {
      const res = await Effect.runPromise(azure({ baseURL: sim.url, apiKey: KEY })("my-deployment").generate(hi));
      expect(res.model).toBe("my-deployment");
      expect(sim.log[0]?.headers["api-key"]).toBe("***");
    } finally {
      await sim.close();
    }
  });

  it("requires resourceName or baseURL and builds the resource URL", async () => {
    expect(() => azure({ apiKey: KEY })).toThrow(/resourceName or baseURL/);
    const urls: string[] = [];
    const model = azure({
      resourceName: "contoso",
      apiKey: KEY,
      fetch: (input) => {
        urls.push(String(input));
        return Promise.resolve(new Response(JSON.stringify(loadJsonFixture(fixture("azure-text.json"))), { status: 200 }));
      },
    })("gpt 4o");
    await Effect.runPromise(model.generate(hi));
    expect(urls).toEqual(["https://contoso.openai.azure.com/openai/deployments/gpt%204o/chat/completions?api-version=2024-10-21"]);
  });
});
