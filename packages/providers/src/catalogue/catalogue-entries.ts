import type { ModelSpec } from "@switchyard/core";

/**
 * The day the prices and limits below were last checked against the providers' public
 * pricing and model pages (openai.com/api/pricing, platform.claude.com/docs/en/about-claude/pricing,
 * ai.google.dev/gemini-api/docs/pricing, groq.com/pricing, together.ai/pricing,
 * api-docs.deepseek.com/quick_start/pricing, mistral.ai/pricing). Prices change: override
 * them with `withCatalogueOverrides` rather than trusting a stale table for billing.
 * @example
 * console.log(`prices as of ${catalogueDate}`);
 */
export const catalogueDate = "2026-11-26";

type Caps = ModelSpec["capabilities"];
const full: Caps = { tools: true, vision: true, json: true, streaming: true };
const textOnly: Caps = { tools: true, vision: false, json: true, streaming: true };

/** Builds one entry; `id` is the provider's own model id, the key adds the provider. */
const spec = (
  provider: string,
  id: string,
  contextWindow: number,
  maxOutputTokens: number,
  pricing: ModelSpec["pricing"],
  capabilities: Caps,
): ModelSpec => ({ id, provider, contextWindow, maxOutputTokens, pricing, capabilities });

/**
 * Well-known models keyed `provider/model`. USD per 1M tokens at the standard (non-batch,
 * short-prompt) tier; `cachedInput` is the cache-hit price, `cacheWrite` the 5-minute
 * cache-write price where the provider bills writes separately (Anthropic, Bedrock).
 * @example
 * catalogue["openai/gpt-4o-mini"].pricing.input; // 0.15
 */
export const catalogue = {
  // OpenAI — openai.com/api/pricing
  "openai/gpt-5": spec("openai", "gpt-5", 400_000, 128_000, { input: 1.25, output: 10, cachedInput: 0.125 }, full),
  "openai/gpt-5-mini": spec("openai", "gpt-5-mini", 400_000, 128_000, { input: 0.25, output: 2, cachedInput: 0.025 }, full),
  "openai/gpt-5-nano": spec("openai", "gpt-5-nano", 400_000, 128_000, { input: 0.05, output: 0.4, cachedInput: 0.005 }, full),
  "openai/gpt-4.1": spec("openai", "gpt-4.1", 1_047_576, 32_768, { input: 2, output: 8, cachedInput: 0.5 }, full),
  "openai/gpt-4.1-mini": spec("openai", "gpt-4.1-mini", 1_047_576, 32_768, { input: 0.4, output: 1.6, cachedInput: 0.1 }, full),
  "openai/gpt-4.1-nano": spec("openai", "gpt-4.1-nano", 1_047_576, 32_768, { input: 0.1, output: 0.4, cachedInput: 0.025 }, full),
  "openai/gpt-4o": spec("openai", "gpt-4o", 128_000, 16_384, { input: 2.5, output: 10, cachedInput: 1.25 }, full),
  "openai/gpt-4o-mini": spec("openai", "gpt-4o-mini", 128_000, 16_384, { input: 0.15, output: 0.6, cachedInput: 0.075 }, full),
  "openai/o3": spec("openai", "o3", 200_000, 100_000, { input: 2, output: 8, cachedInput: 0.5 }, full),
  "openai/o4-mini": spec("openai", "o4-mini", 200_000, 100_000, { input: 1.1, output: 4.4, cachedInput: 0.275 }, full),

  // Anthropic — platform.claude.com/docs/en/about-claude/pricing (cache write = 5-minute TTL)
  "anthropic/claude-opus-4-5": spec("anthropic", "claude-opus-4-5", 200_000, 64_000, { input: 5, output: 25, cachedInput: 0.5, cacheWrite: 6.25 }, full),
  "anthropic/claude-opus-4-1": spec("anthropic", "claude-opus-4-1", 200_000, 32_000, { input: 15, output: 75, cachedInput: 1.5, cacheWrite: 18.75 }, full),
  "anthropic/claude-sonnet-4-5": spec("anthropic", "claude-sonnet-4-5", 200_000, 64_000, { input: 3, output: 15, cachedInput: 0.3, cacheWrite: 3.75 }, full),
  "anthropic/claude-sonnet-4": spec("anthropic", "claude-sonnet-4-0", 200_000, 64_000, { input: 3, output: 15, cachedInput: 0.3, cacheWrite: 3.75 }, full),
  "anthropic/claude-haiku-4-5": spec("anthropic", "claude-haiku-4-5", 200_000, 64_000, { input: 1, output: 5, cachedInput: 0.1, cacheWrite: 1.25 }, full),
  "anthropic/claude-3-5-haiku": spec("anthropic", "claude-3-5-haiku-latest", 200_000, 8_192, { input: 0.8, output: 4, cachedInput: 0.08, cacheWrite: 1 }, full),

  // Google Gemini — ai.google.dev/gemini-api/docs/pricing (prompts up to 200k tokens)
  "google/gemini-2.5-pro": spec("google", "gemini-2.5-pro", 1_048_576, 65_536, { input: 1.25, output: 10, cachedInput: 0.125 }, full),
  "google/gemini-2.5-flash": spec("google", "gemini-2.5-flash", 1_048_576, 65_536, { input: 0.3, output: 2.5, cachedInput: 0.03 }, full),
  "google/gemini-2.5-flash-lite": spec("google", "gemini-2.5-flash-lite", 1_048_576, 65_536, { input: 0.1, output: 0.4, cachedInput: 0.01 }, full),
  "google/gemini-2.0-flash": spec("google", "gemini-2.0-flash", 1_048_576, 8_192, { input: 0.1, output: 0.4, cachedInput: 0.025 }, full),

  // AWS Bedrock (on-demand, us-east-1) — aws.amazon.com/bedrock/pricing
  "bedrock/anthropic.claude-sonnet-4-5": spec("bedrock", "anthropic.claude-sonnet-4-5-20250929-v1:0", 200_000, 64_000, { input: 3, output: 15, cachedInput: 0.3, cacheWrite: 3.75 }, full),
  "bedrock/amazon.nova-pro": spec("bedrock", "amazon.nova-pro-v1:0", 300_000, 10_000, { input: 0.8, output: 3.2, cachedInput: 0.2 }, full),
  "bedrock/amazon.nova-lite": spec("bedrock", "amazon.nova-lite-v1:0", 300_000, 10_000, { input: 0.06, output: 0.24, cachedInput: 0.015 }, full),

  // Groq — groq.com/pricing
  "groq/llama-3.3-70b-versatile": spec("groq", "llama-3.3-70b-versatile", 131_072, 32_768, { input: 0.59, output: 0.79 }, textOnly),
  "groq/llama-3.1-8b-instant": spec("groq", "llama-3.1-8b-instant", 131_072, 131_072, { input: 0.05, output: 0.08 }, textOnly),

  // Together AI — together.ai/pricing
  "together/meta-llama/Llama-3.3-70B-Instruct-Turbo": spec("together", "meta-llama/Llama-3.3-70B-Instruct-Turbo", 131_072, 8_192, { input: 0.88, output: 0.88 }, textOnly),
  "together/mistralai/Mixtral-8x7B-Instruct-v0.1": spec("together", "mistralai/Mixtral-8x7B-Instruct-v0.1", 32_768, 8_192, { input: 0.6, output: 0.6 }, { ...textOnly, tools: false }),
  "together/Qwen/Qwen2.5-72B-Instruct-Turbo": spec("together", "Qwen/Qwen2.5-72B-Instruct-Turbo", 32_768, 8_192, { input: 1.2, output: 1.2 }, textOnly),

  // DeepSeek — api-docs.deepseek.com/quick_start/pricing (cache hit vs miss)
  "deepseek/deepseek-chat": spec("deepseek", "deepseek-chat", 128_000, 8_192, { input: 0.28, output: 0.42, cachedInput: 0.028 }, textOnly),
  "deepseek/deepseek-reasoner": spec("deepseek", "deepseek-reasoner", 128_000, 64_000, { input: 0.28, output: 0.42, cachedInput: 0.028 }, textOnly),

  // Mistral — mistral.ai/pricing
  "mistral/mistral-large-latest": spec("mistral", "mistral-large-latest", 128_000, 8_192, { input: 2, output: 6 }, textOnly),
  "mistral/mistral-small-latest": spec("mistral", "mistral-small-latest", 128_000, 8_192, { input: 0.1, output: 0.3 }, full),
} as const satisfies Record<string, ModelSpec>;

/** Every `provider/model` key of the catalogue. @example const id: CatalogueModelId = "google/gemini-2.5-flash"; */
export type CatalogueModelId = keyof typeof catalogue;
