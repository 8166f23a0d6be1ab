import { startSimulator, type Simulator, type SimulatorOptions } from "@switchyard/providers/testing";

/**
 * Starts the upstream simulator in the test process on an ephemeral port (a stand-in for
 * real providers: it speaks OpenAI's wire format with scripted faults per model name).
 * @example
 * const sim = await startTestSimulator({ scripts: { flaky: [{ status: 503 }, {}] } });
 * await sim.close();
 */
export const startTestSimulator = (options: SimulatorOptions = {}): Promise<Simulator> => startSimulator({ host: "127.0.0.1", port: 0, ...options });
