import { Unavailable } from "@switchyard/core";
import * as Effect from "effect/Effect";
import type { z } from "zod";

/**
 * Checks a parsed 2xx body against the adapter's wire schema. A body of the wrong shape
 * means the upstream (or a proxy in front of it) broke, so it is `Unavailable` — another
 * provider may answer — naming the first mismatch, never a defect.
 * @example
 * const wire = yield* decodeWireResponse(yield* readJson(response, ctx), AnthropicMessageResponse, ctx);
 */
export const decodeWireResponse = <T>(
  json: unknown,
  schema: z.ZodType<T>,
  ctx: { readonly provider: string; readonly model: string },
): Effect.Effect<T, Unavailable> => {
  const parsed = schema.safeParse(json);
  return parsed.success
    ? Effect.succeed(parsed.data)
    : Effect.fail(new Unavailable({ message: `${ctx.provider}: unexpected response shape (${parsed.error.issues[0]?.message ?? "invalid"})`, ...ctx }));
};
