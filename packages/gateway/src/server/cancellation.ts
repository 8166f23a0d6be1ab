/** Why an exchange was cancelled: the client went away, or the gateway's request timeout passed. */
export type CancelReason = "client-left" | "timeout";

/**
 * The cancellation of one HTTP exchange: callbacks (typically "interrupt this fiber") run
 * once when the client goes away or the request timeout passes. Cheaper than an
 * AbortController per request: on Node 20 making an `AbortSignal` and listening to it
 * costs ≈10 µs, and almost no request is ever cancelled.
 * @example
 * const c = createCancellation();
 * const stop = c.onCancel(() => fiber.interruptUnsafe());
 * c.cancel("client-left"); // runs the callback once
 * stop();
 */
export interface Cancellation {
  /** Why it was cancelled, or `undefined` while it is not. */
  readonly reason: () => CancelReason | undefined;
  /** Calls `fn` once on cancellation (at once when already cancelled); returns an unsubscribe. */
  readonly onCancel: (fn: () => void) => () => void;
  /** Cancels (the first reason wins; later calls do nothing). */
  readonly cancel: (reason: CancelReason) => void;
}

/**
 * Makes a {@link Cancellation}.
 * @example
 * const cancellation = createCancellation();
 */
export const createCancellation = (): Cancellation => {
  let reason: CancelReason | undefined;
  let callbacks: Array<() => void> | undefined;
  return {
    reason: () => reason,
    onCancel: (fn) => {
      if (reason !== undefined) {
        fn();
        return () => undefined;
      }
      (callbacks ??= []).push(fn);
      return () => {
        const i = callbacks?.indexOf(fn) ?? -1;
        if (i !== -1) callbacks?.splice(i, 1);
      };
    },
    cancel: (why) => {
      if (reason !== undefined) return;
      reason = why;
      const pending = callbacks;
      callbacks = undefined;
      for (const fn of pending ?? []) fn();
    },
  };
};
