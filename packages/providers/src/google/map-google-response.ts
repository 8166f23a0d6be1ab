import { ContentFiltered, type ChatResponse, type FinishReason, type ToolCall, type Usage } from "@switchyard/core";
import { assistantAnswer } from "../kit/assistant-answer.js";
import type { GoogleGenerateResponse, GoogleUsageMetadata } from "./google-wire.js";

/**
 * Maps `usageMetadata`. `promptTokenCount` already includes cached tokens;
 * `candidatesTokenCount` excludes thinking, so thoughts are added to output (and reported
 * as `reasoningTokens`, a part of it).
 * @example
 * mapGoogleUsage({ promptTokenCount: 10, candidatesTokenCount: 4, thoughtsTokenCount: 6 });
 * // { inputTokens: 10, outputTokens: 10, totalTokens: 20, reasoningTokens: 6 }
 */
export const mapGoogleUsage = (usage: GoogleUsageMetadata | null | undefined): Usage => {
  const inputTokens = (usage?.promptTokenCount ?? 0) + (usage?.toolUsePromptTokenCount ?? 0);
  const thoughts = usage?.thoughtsTokenCount;
  const outputTokens = (usage?.candidatesTokenCount ?? 0) + (thoughts ?? 0);
  return {
    inputTokens,
    outputTokens,
    totalTokens: inputTokens + outputTokens,
    ...(usage?.cachedContentTokenCount != null ? { cachedInputTokens: usage.cachedContentTokenCount } : {}),
    ...(thoughts != null ? { reasoningTokens: thoughts } : {}),
  };
};

/**
 * Maps a candidate's `finishReason`. Gemini says STOP after a function call, so a call
 * turns it into `tool-calls`.
 * @example
 * mapGoogleFinishReason("SAFETY", false); // "content-filter"
 */
export const mapGoogleFinishReason = (reason: string | null | undefined, hasToolCalls: boolean): FinishReason => {
  switch (reason) {
    case "STOP":
      return hasToolCalls ? "tool-calls" : "stop";
    case "MAX_TOKENS":
      return "length";
    case "SAFETY":
    case "RECITATION":
    case "BLOCKLIST":
    case "PROHIBITED_CONTENT":
    case "SPII":
    case "IMAGE_SAFETY":
      return "content-filter";
    case "MALFORMED_FUNCTION_CALL":
    case "UNEXPECTED_TOOL_CALL":
      return "error";
    default:
      return "other";
  }
};

/**
 * A prompt Gemini refused outright (`promptFeedback.blockReason`, no candidates) is an
 * error, not an empty answer: another provider may take it.
 * @example
 * const blocked = promptBlocked(wire, "gemini-2.5-flash"); // ContentFiltered | undefined
 */
export const promptBlocked = (wire: GoogleGenerateResponse, model: string): ContentFiltered | undefined => {
  const reason = wire.promptFeedback?.blockReason;
  if (!reason || (wire.candidates?.length ?? 0) > 0) return undefined;
  return new ContentFiltered({
    message: `google: prompt blocked (${reason})${wire.promptFeedback?.blockReasonMessage ? `: ${wire.promptFeedback.blockReasonMessage}` : ""}`,
    provider: "google",
    model,
  });
};

/** Gemini's API rarely sends call ids; a stable local id lets tool results find their call. */
export const googleToolCallId = (responseId: string, index: number): string => `${responseId}-call-${index}`;

/**
 * Maps a whole `generateContent` response (first candidate).
 * @example
 * const res = mapGoogleResponse(wire, "gemini-2.5-flash");
 */
export const mapGoogleResponse = (wire: GoogleGenerateResponse, model: string): ChatResponse => {
  const candidate = wire.candidates?.[0];
  const id = wire.responseId ?? `gemini-${Date.now().toString(36)}`;
  let text = "";
  let reasoning = "";
  const toolCalls: ToolCall[] = [];
  for (const part of candidate?.content?.parts ?? []) {
    if (part.functionCall) {
      toolCalls.push({
        id: part.functionCall.id ?? googleToolCallId(id, toolCalls.length),
        name: part.functionCall.name,
        arguments: JSON.stringify(part.functionCall.args ?? {}),
      });
    } else if (typeof part.text === "string") {
      if (part.thought) reasoning += part.text;
      else text += part.text;
    }
  }
  return {
    id,
    model: wire.modelVersion ?? model,
    message: assistantAnswer(text, toolCalls, reasoning),
    finishReason: mapGoogleFinishReason(candidate?.finishReason, toolCalls.length > 0),
    usage: mapGoogleUsage(wire.usageMetadata),
    ...(candidate?.safetyRatings ? { providerMetadata: { google: { safetyRatings: candidate.safetyRatings } } } : {}),
  };
};
