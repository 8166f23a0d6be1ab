import type { LanguageModel } from "@switchyard/core";
import { openai } from "@switchyard/providers";
import { startSimulator, type SimScriptLike } from "@switchyard/providers/testing";

/** Where the examples' models live: real OpenAI with a key, else the upstream simulator. */
export interface Upstream {
  /** A model by role; `real` is the OpenAI model used when a key is set. */
  readonly model: (simName: string, real: string) => LanguageModel;
  readonly label: string;
  readonly close: () => Promise<void>;
}

/**
 * Real OpenAI when `OPENAI_API_KEY` is set; otherwise the bundled upstream simulator with
 * the given scripts (so the examples show retries and fallbacks offline). Output always says
 * which one answered.
 * @example
 * const up = await upstream({ flaky: [{ status: 429, retryAfter: 1 }] });
 */
export const upstream = async (scripts: Record<string, SimScriptLike>): Promise<Upstream> => {
  if (process.env.OPENAI_API_KEY) {
    const provider = openai();
    return { model: (_sim, real) => provider(real), label: "real OpenAI (OPENAI_API_KEY is set)", close: async () => {} };
  }
  const sim = await startSimulator({ scripts });
  const provider = openai({ apiKey: "simulator-needs-no-key", baseURL: `${sim.url}/v1` });
  return {
    model: (simName) => provider(simName),
    label: `the Switchyard upstream SIMULATOR at ${sim.url} (not a real model; set OPENAI_API_KEY for real answers)`,
    close: () => sim.close(),
  };
};

/** Prints a run's path and attempts, the part of a result that shows routing at work. */
export const printRun = (run: { path: ReadonlyArray<string>; model: string; attempts: ReadonlyArray<{ index: number; model: string; kind: string; outcome: string; errorTag?: string; durationMs: number; waitedMs?: number }>; costUsd: number | undefined; usage: { inputTokens: number; outputTokens: number } }) => {
  console.log(`  answered by: ${run.model}`);
  console.log(`  path:        ${run.path.join(" → ")}`);
  for (const a of run.attempts) {
    const wait = a.waitedMs ? ` after waiting ${a.waitedMs} ms` : "";
    console.log(`  attempt ${a.index}: ${a.model} (${a.kind}${wait}) → ${a.outcome}${a.errorTag ? ` [${a.errorTag}]` : ""} in ${a.durationMs} ms`);
  }
  console.log(`  tokens:      ${run.usage.inputTokens} in / ${run.usage.outputTokens} out${run.costUsd === undefined ? "" : `, cost $${run.costUsd.toFixed(6)}`}`);
};
