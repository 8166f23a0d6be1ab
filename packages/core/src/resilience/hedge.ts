import * as Deferred from "effect/Deferred";
import * as Effect from "effect/Effect";

/** The outcome of a hedged call. */
export interface HedgeResult<A> {
  readonly value: A;
  readonly winner: "primary" | "secondary";
  /** Whether the secondary was started at all (it uses up a candidate). */
  readonly secondaryStarted: boolean;
}

/** A hedged call that failed on every side it started. */
export interface HedgeFailure<E> {
  readonly error: E;
  readonly secondaryStarted: boolean;
}

/**
 * Runs `primary`; if it has not answered after `delayMs` — or fails before then — starts
 * `secondary` too. The first success wins and the other is interrupted (its upstream
 * request aborted), so the caller gets exactly one answer. Fails only when every started
 * side failed, with the primary's error.
 * @example
 * const r = yield* hedge(callModelA, callModelB, 300);
 */
export const hedge = <A, E>(
  primary: Effect.Effect<A, E>,
  secondary: Effect.Effect<A, E>,
  delayMs: number,
): Effect.Effect<HedgeResult<A>, HedgeFailure<E>> =>
  Effect.gen(function* () {
    const primaryEnded = yield* Deferred.make<void>();
    let secondaryStarted = false;
    let primarySucceeded = false;
    let primaryError: { readonly e: E } | undefined;
    let secondaryError: { readonly e: E } | undefined;
    const first = primary.pipe(
      Effect.tap(() => Effect.sync(() => void (primarySucceeded = true))),
      Effect.tapError((e) => Effect.sync(() => void (primaryError = { e }))),
      Effect.ensuring(Deferred.succeed(primaryEnded, undefined)),
      Effect.map((value) => ({ value, winner: "primary" as const })),
    );
    const second = Effect.race(Effect.sleep(delayMs), Deferred.await(primaryEnded)).pipe(
      Effect.andThen(
        Effect.suspend(() => {
          // A primary that answered wins the race; this side may still wake first, so it must not start.
          if (primarySucceeded) return Effect.never;
          secondaryStarted = true;
          return secondary;
        }),
      ),
      Effect.tapError((e) => Effect.sync(() => void (secondaryError = { e }))),
      Effect.map((value) => ({ value, winner: "secondary" as const })),
    );
    return yield* Effect.race(first, second).pipe(
      Effect.map((r) => ({ ...r, secondaryStarted })),
      Effect.mapError(() => {
        const chosen = primaryError ?? secondaryError;
        if (chosen === undefined) throw new Error("hedge: both sides failed without an error");
        return { error: chosen.e, secondaryStarted };
      }),
    );
  });
