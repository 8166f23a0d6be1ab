import { BadRequest, type ChatRequest, type Message } from "@switchyard/core";
import * as Effect from "effect/Effect";
import { parseDataUrl } from "../kit/parse-data-url.js";
import { parseToolArguments } from "../kit/parse-tool-arguments.js";

const PROVIDER = "google";

type GooglePart =
  | { text: string }
  | { inlineData: { mimeType: string; data: string } }
  | { fileData: { fileUri: string; mimeType?: string } }
  | { functionCall: { name: string; args: unknown } }
  | { functionResponse: { name: string; response: Record<string, unknown> } };

interface GoogleContent {
  role: "user" | "model";
  parts: GooglePart[];
}

/** The JSON body of `models/{id}:generateContent`. @example const b: GoogleRequestBody = { contents: [] }; */
export interface GoogleRequestBody {
  contents: GoogleContent[];
  systemInstruction?: { parts: Array<{ text: string }> };
  tools?: Array<{ functionDeclarations: Array<{ name: string; description?: string; parametersJsonSchema: Record<string, unknown> }> }>;
  toolConfig?: { functionCallingConfig: { mode: "AUTO" | "ANY" | "NONE"; allowedFunctionNames?: string[] } };
  generationConfig?: Record<string, unknown>;
  [extra: string]: unknown;
}

const userParts = (content: Extract<Message, { role: "user" }>["content"]): Effect.Effect<GooglePart[], BadRequest> => {
  if (typeof content === "string") return Effect.succeed([{ text: content }]);
  return Effect.forEach(content, (part): Effect.Effect<GooglePart, BadRequest> => {
    if (part.type === "text") return Effect.succeed({ text: part.text });
    const inline = parseDataUrl(part.url, part.mediaType);
    if (inline) return Effect.succeed({ inlineData: { mimeType: inline.mediaType, data: inline.base64 } });
    // Gemini fetches only URIs it hosts (Files API, gs://); other URLs must be inlined by the caller.
    if (/^(gs:\/\/|https:\/\/generativelanguage\.googleapis\.com\/)/.test(part.url)) {
      return Effect.succeed({ fileData: { fileUri: part.url, ...(part.mediaType ? { mimeType: part.mediaType } : {}) } });
    }
    return Effect.fail(
      new BadRequest({ message: "google: image parts must be base64 data: URLs or Gemini Files API / gs:// URIs", provider: PROVIDER, param: "messages" }),
    );
  });
};

/** Gemini wants an object as a function response: JSON objects pass through, anything else is wrapped. */
const functionResponse = (content: string): Record<string, unknown> => {
  try {
    const parsed: unknown = JSON.parse(content);
    if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // plain text result
  }
  return { content };
};

const pushContent = (contents: GoogleContent[], role: GoogleContent["role"], parts: GooglePart[]): void => {
  const last = contents.at(-1);
  if (last && last.role === role) last.parts.push(...parts);
  else contents.push({ role, parts });
};

const generationConfig = (request: ChatRequest): Record<string, unknown> => {
  // Field by field: on Node 20 a literal of conditional spreads gets a hidden class per request.
  const config: Record<string, unknown> = {};
  const format = request.responseFormat;
  if (request.temperature !== undefined) config.temperature = request.temperature;
  if (request.topP !== undefined) config.topP = request.topP;
  if (request.maxTokens !== undefined) config.maxOutputTokens = request.maxTokens;
  if (request.stop?.length) config.stopSequences = request.stop;
  if (request.seed !== undefined) config.seed = request.seed;
  if (request.presencePenalty !== undefined) config.presencePenalty = request.presencePenalty;
  if (request.frequencyPenalty !== undefined) config.frequencyPenalty = request.frequencyPenalty;
  if (format && format.type !== "text") config.responseMimeType = "application/json";
  // responseJsonSchema takes standard JSON Schema as-is; responseSchema would need a lossy
  // rewrite into Gemini's OpenAPI subset (no additionalProperties, no $ref...).
  if (format?.type === "json_schema") config.responseJsonSchema = format.schema;
  return config;
};

const toolConfig = (request: ChatRequest): GoogleRequestBody["toolConfig"] => {
  const choice = request.toolChoice;
  if (choice === undefined || !request.tools?.length) return undefined;
  if (choice === "auto") return { functionCallingConfig: { mode: "AUTO" } };
  if (choice === "none") return { functionCallingConfig: { mode: "NONE" } };
  if (choice === "required") return { functionCallingConfig: { mode: "ANY" } };
  return { functionCallingConfig: { mode: "ANY", allowedFunctionNames: [choice.name] } };
};

/**
 * Builds a `generateContent` body: system turns go to `systemInstruction`, assistant turns
 * become role `model`, tool results become `functionResponse` parts named after the call
 * they answer (Gemini matches results by name, so the name is found from the call id),
 * images become `inlineData`. JSON output uses `responseMimeType: application/json` plus
 * `responseJsonSchema`; tools use `parametersJsonSchema` (plain JSON Schema, no rewrite).
 * @example
 * const body = Effect.runSync(toGoogleRequest({ messages: [{ role: "user", content: "Hi" }] }));
 */
export const toGoogleRequest = (request: ChatRequest): Effect.Effect<GoogleRequestBody, BadRequest> =>
  Effect.gen(function* () {
    const system: string[] = [];
    const contents: GoogleContent[] = [];
    const callNames = new Map<string, string>();
    for (const message of request.messages) {
      switch (message.role) {
        case "system":
          system.push(message.content);
          break;
        case "user":
          pushContent(contents, "user", yield* userParts(message.content));
          break;
        case "assistant": {
          const parts: GooglePart[] = message.content ? [{ text: message.content }] : [];
          for (const call of message.toolCalls ?? []) {
            callNames.set(call.id, call.name);
            parts.push({ functionCall: { name: call.name, args: yield* parseToolArguments(call, PROVIDER) } });
          }
          if (parts.length) pushContent(contents, "model", parts);
          break;
        }
        case "tool": {
          const name = callNames.get(message.toolCallId);
          if (name === undefined) {
            return yield* Effect.fail(
              new BadRequest({ message: `google: tool result "${message.toolCallId}" answers no earlier tool call`, provider: PROVIDER, param: "messages" }),
            );
          }
          pushContent(contents, "user", [{ functionResponse: { name, response: functionResponse(message.content) } }]);
          break;
        }
      }
    }
    if (contents.length === 0) {
      return yield* Effect.fail(new BadRequest({ message: "google: at least one non-system message is required", provider: PROVIDER, param: "messages" }));
    }
    const { generationConfig: extraConfig, ...extra } = request.providerOptions?.[PROVIDER] ?? {};
    // thinkingConfig and friends live inside generationConfig, so they merge rather than replace it.
    const config = Object.assign(generationConfig(request), typeof extraConfig === "object" && extraConfig !== null ? extraConfig : {});
    const tools = request.tools?.length
      ? [
          {
            functionDeclarations: request.tools.map((t) => ({
              name: t.name,
              ...(t.description !== undefined ? { description: t.description } : {}),
              parametersJsonSchema: t.parameters,
            })),
          },
        ]
      : undefined;
    const tc = toolConfig(request);
    return {
      contents,
      ...(system.length ? { systemInstruction: { parts: [{ text: system.join("\n\n") }] } } : {}),
      ...(tools ? { tools } : {}),
      ...(tc ? { toolConfig: tc } : {}),
      ...(Object.keys(config).length ? { generationConfig: config } : {}),
      // safetySettings, cachedContent... pass through untouched.
      ...extra,
    };
  });
