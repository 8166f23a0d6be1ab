import type { ChatRequest, Message } from "../schema/index.js";
import { compileRouterModel, type RouterModel } from "./router-model.js";

/** Options of {@link learnedClassifier}. */
export interface LearnedClassifierOptions {
  /** Strong when P(strong needed) ≥ threshold. Lower = more strong calls, higher quality and cost. */
  readonly threshold: number;
  /** Classifier name shown in traces and the devtools graph. Default "learned-router". */
  readonly name?: string;
}

/** A classifier object (plugs into `ClassifiedRoute.classify`) that also exposes its raw score. */
export interface LearnedClassifier {
  readonly name: string;
  readonly classify: (request: ChatRequest) => "weak" | "strong";
  /** P(the strong model is needed) for this request. */
  readonly score: (request: ChatRequest) => number;
}

const textOf = (m: Message): string => {
  if (m.role === "user") return typeof m.content === "string" ? m.content : m.content.map((p) => (p.type === "text" ? p.text : "")).join("\n");
  return m.role === "assistant" ? (m.content ?? "") : m.content;
};

/**
 * The text the router reads: the last user turn (what is being asked now), or every
 * message when there is no user turn.
 * @example
 * routingText({ messages: [{ role: "system", content: "Be brief" }, { role: "user", content: "Prove it" }] }); // "Prove it"
 */
export const routingText = (request: ChatRequest): string => {
  const lastUser = [...request.messages].reverse().find((m) => m.role === "user");
  return lastUser !== undefined ? textOf(lastUser) : request.messages.map(textOf).join("\n");
};

/**
 * A classify step backed by a trained router: "strong" when the model gives the prompt at
 * least `threshold` probability of needing the strong model, else "weak". Runs in-process
 * in microseconds (see BENCHMARKS.md). Assignable to `Classifier<"weak" | "strong">`.
 * @example
 * const route: ClassifiedRoute<"mixtral" | "gpt4", "weak" | "strong"> = {
 *   classify: learnedClassifier(model, { threshold: 0.4 }),
 *   pools: { weak: ["mixtral", "gpt4"], strong: ["gpt4"] },
 * };
 */
export const learnedClassifier = (model: RouterModel, options: LearnedClassifierOptions): LearnedClassifier => {
  const { score } = compileRouterModel(model);
  return {
    name: options.name ?? "learned-router",
    score: (request) => score(routingText(request)),
    classify: (request) => (score(routingText(request)) >= options.threshold ? "strong" : "weak"),
  };
};
