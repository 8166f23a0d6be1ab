import { createOpenAICompatible } from "@switchyard/providers";
import { startSimulator, type Simulator } from "@switchyard/providers/testing";

/** Starts the upstream simulator and a provider pointed at it, for router tests over real HTTP. */
export const simProvider = async (): Promise<{ sim: Simulator; model: (id: string) => ReturnType<ReturnType<typeof createOpenAICompatible>> }> => {
  const sim = await startSimulator();
  const provider = createOpenAICompatible({ name: "simulator", baseURL: `${sim.url}/v1` });
  return { sim, model: (id) => provider(id) };
};

/** The simulator's log of chat requests, in arrival order. */
export const chatLog = (sim: Simulator) => sim.log.filter((e) => e.path.endsWith("/chat/completions"));

export const user = (text: string) => ({ messages: [{ role: "user" as const, content: text }] });
