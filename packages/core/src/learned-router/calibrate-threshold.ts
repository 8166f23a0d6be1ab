import { ConfigError } from "../errors/index.js";
import { compileRouterModel, type RouterModel } from "./router-model.js";

/**
 * The threshold at which the router sends about `targetStrongShare` of these prompts to
 * the strong model (strong when score ≥ threshold): the knob that trades cost for quality,
 * set from a share you can afford rather than a raw probability. Calibrate on prompts like
 * your traffic, and not on the data you report results on.
 * @example
 * const threshold = calibrateThreshold(model, trainRows, 0.3); // ~30% strong calls
 */
export const calibrateThreshold = (model: RouterModel, rows: ReadonlyArray<{ readonly prompt: string }>, targetStrongShare: number): number => {
  if (!(targetStrongShare >= 0 && targetStrongShare <= 1)) {
    throw new ConfigError({ message: "calibrateThreshold: targetStrongShare must be between 0 and 1", path: ["targetStrongShare"] });
  }
  if (rows.length === 0) throw new ConfigError({ message: "calibrateThreshold: no rows to calibrate on", path: ["rows"] });
  const { score } = compileRouterModel(model);
  const scores = rows.map((r) => score(r.prompt)).sort((a, b) => b - a);
  const k = Math.round(targetStrongShare * scores.length);
  // k = 0: just above the highest score, so none of these prompts goes to strong.
  if (k === 0) return (scores[0] ?? 0) + 1e-9;
  return scores[k - 1] ?? 0;
};
