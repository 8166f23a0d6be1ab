import { Cancelled } from "@switchyard/core";
import * as Effect from "effect/Effect";
import * as Exit from "effect/Exit";
import type { Cancellation } from "../server/cancellation.js";

/**
 * Runs an Effect at the HTTP edge: resolves with its value, rejects with its typed failure
 * itself (a tagged error), and interrupts it when the exchange is cancelled (the client
 * left, or the request timeout passed), rejecting with `Cancelled` then.
 * @example
 * const r = await runEffect(embedder.embed(["hi"]), ex.cancellation);
 */
export const runEffect = async <A, E>(effect: Effect.Effect<A, E>, cancellation: Cancellation): Promise<A> => {
  const fiber = Effect.runFork(effect);
  const unsubscribe = cancellation.onCancel(() => fiber.interruptUnsafe());
  const exit = await new Promise<Exit.Exit<A, E>>((resolve) => fiber.addObserver(resolve));
  unsubscribe();
  if (Exit.isSuccess(exit)) return exit.value;
  const fail = exit.cause.reasons.find((r) => r._tag === "Fail");
  if (fail !== undefined && fail._tag === "Fail") throw fail.error;
  if (cancellation.reason() !== undefined) throw new Cancelled({ message: "request cancelled by the caller" });
  const die = exit.cause.reasons.find((r) => r._tag === "Die");
  throw die !== undefined && die._tag === "Die" ? die.defect : new Cancelled({ message: "interrupted" });
};
