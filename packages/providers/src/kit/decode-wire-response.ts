import { compileSafeParse, Unavailable } from "@switchyard/core";
import * as Effect from "effect/Effect";
import type { z } from "zod";

// Each wire schema compiled once: a well-formed answer is checked in place, without a copy.
const parsers = new WeakMap<z.ZodType, (json: unknown) => z.ZodSafeParseResult<unknown>>();

const parserFor = <T>(schema: z.ZodType<T>): ((json: unknown) => z.ZodSafeParseResult<T>) => {
  let parse = parsers.get(schema);
  if (parse === undefined) {
    parse = compileSafeParse(schema);
    parsers.set(schema, parse);
  }
  return parse as (json: unknown) => z.ZodSafeParseResult<T>;
};

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
  const parsed = parserFor(schema)(json);
  return parsed.success
    ? Effect.succeed(parsed.data)
    : Effect.fail(new Unavailable({ message: `${ctx.provider}: unexpected response shape (${parsed.error.issues[0]?.message ?? "invalid"})`, ...ctx }));
};
