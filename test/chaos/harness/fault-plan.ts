import type { SimStep } from "@switchyard/providers/testing";
import { seededRandom } from "@switchyard/core";

/** The kinds of upstream fault the chaos suites inject. */
export const FAULT_KINDS = ["http-500", "http-429", "hang", "reset", "invalid-json"] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/**
 * The simulator step for a fault. Resets and broken JSON happen before the first content
 * token (`cutAfterChunks: 1` leaves only the role chunk), because after a token has reached
 * the caller a stream must not fall back (DESIGN: no doubled token); that case has its own test.
 * @example
 * faultStep("http-429"); // { status: 429, retryAfter: 1 }
 */
export const faultStep = (kind: FaultKind): SimStep => {
  switch (kind) {
    case "http-500":
      return { status: 500 };
    case "http-429":
      return { status: 429, retryAfter: 1 };
    case "hang":
      return { hang: true };
    case "reset":
      return { cutAfterChunks: 1 };
    case "invalid-json":
      return { invalidJson: true };
  }
};

/**
 * A seeded list of simulator steps for one upstream model: each step is a fault with
 * probability `rate` (kind chosen uniformly), else a healthy answer.
 * @example
 * sim.setScript("flaky-a", { steps: faultSteps(7, 500, 0.3), then: {} });
 */
export const faultSteps = (seed: number, count: number, rate: number): SimStep[] => {
  const rand = seededRandom(seed);
  return Array.from({ length: count }, () => {
    if (rand() >= rate) return {};
    return faultStep(FAULT_KINDS[Math.floor(rand() * FAULT_KINDS.length)] ?? "http-500");
  });
};
