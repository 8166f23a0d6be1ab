import { Cancelled } from "@switchyard/core";
import { Effect, Exit } from "effect";

/**
 * Runs an Effect at the HTTP edge: resolves with its value, rejects with its typed failure
 * itself (a tagged error), and turns interruption by `signal` into `Cancelled`.
 * @example
 * const r = await runEffect(embedder.embed(["hi"]), signal);
 */
export const runEffect = async <A, E>(effect: Effect.Effect<A, E>, signal?: AbortSignal): Promise<A> => {
  const exit = await Effect.runPromiseExit(effect, signal === undefined ? undefined : { signal });
  if (Exit.isSuccess(exit)) return exit.value;
  const fail = exit.cause.reasons.find((r) => r._tag === "Fail");
  if (fail !== undefined && fail._tag === "Fail") throw fail.error;
  if (signal?.aborted === true) throw new Cancelled({ message: "request cancelled by the caller" });
  const die = exit.cause.reasons.find((r) => r._tag === "Die");
  throw die !== undefined && die._tag === "Die" ? die.defect : new Cancelled({ message: "interrupted" });
};
