import { BadRequest } from "@switchyard/core";
import * as Effect from "effect/Effect";

/**
 * Parses the JSON arguments of an assistant tool call being sent back upstream; providers
 * that take tool input as an object need it parsed, and bad JSON is the caller's error.
 * @example
 * Effect.runSync(parseToolArguments({ id: "c1", name: "f", arguments: '{"a":1}' }, "anthropic")); // { a: 1 }
 */
export const parseToolArguments = (
  call: { readonly id: string; readonly name: string; readonly arguments: string },
  provider: string,
): Effect.Effect<unknown, BadRequest> =>
  Effect.try({
    try: (): unknown => (call.arguments.trim() === "" ? {} : JSON.parse(call.arguments)),
    catch: () =>
      new BadRequest({
        message: `${provider}: arguments of tool call "${call.id}" (${call.name}) are not valid JSON`,
        provider,
        param: "messages",
      }),
  });
