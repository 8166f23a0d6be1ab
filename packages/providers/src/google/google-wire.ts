import { z } from "zod";

/** Zod schemas for the parts of Gemini responses the adapter reads; unknown fields are tolerated. */
export const GoogleUsageMetadata = z.object({
  promptTokenCount: z.number().int().nonnegative().nullish(),
  candidatesTokenCount: z.number().int().nonnegative().nullish(),
  cachedContentTokenCount: z.number().int().nonnegative().nullish(),
  thoughtsTokenCount: z.number().int().nonnegative().nullish(),
  toolUsePromptTokenCount: z.number().int().nonnegative().nullish(),
  totalTokenCount: z.number().int().nonnegative().nullish(),
});
export type GoogleUsageMetadata = z.infer<typeof GoogleUsageMetadata>;

const Part = z.object({
  text: z.string().nullish(),
  thought: z.boolean().nullish(),
  functionCall: z.object({ id: z.string().nullish(), name: z.string(), args: z.unknown() }).nullish(),
});

/** One `GenerateContentResponse` (a whole answer, or one SSE chunk of a stream). */
export const GoogleGenerateResponse = z.object({
  candidates: z
    .array(
      z.object({
        content: z.object({ parts: z.array(Part).nullish() }).nullish(),
        finishReason: z.string().nullish(),
        safetyRatings: z.array(z.unknown()).nullish(),
      }),
    )
    .nullish(),
  promptFeedback: z.object({ blockReason: z.string().nullish(), blockReasonMessage: z.string().nullish() }).nullish(),
  usageMetadata: GoogleUsageMetadata.nullish(),
  modelVersion: z.string().nullish(),
  responseId: z.string().nullish(),
});
export type GoogleGenerateResponse = z.infer<typeof GoogleGenerateResponse>;
