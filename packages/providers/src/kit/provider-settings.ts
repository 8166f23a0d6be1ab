import { z } from "zod";
import type { FetchFunction } from "./http.js";

/**
 * The settings fields every HTTP provider takes, as zod schemas to place in its own
 * settings object (kept as separate fields so each provider keeps its field order).
 * `apiKey` is optional: providers fall back to their environment variable at call time.
 * @example
 * const MySettings = z.object({ apiKey: apiKeySetting, baseURL: z.url(), headers: headersSetting, fetch: fetchSetting });
 */
export const apiKeySetting = z.string().min(1).optional();

/** Extra HTTP headers sent with every request. @example z.object({ headers: headersSetting }); */
export const headersSetting = z.record(z.string(), z.string()).optional();

/** A custom `fetch` (tests, proxies). @example z.object({ fetch: fetchSetting }); */
export const fetchSetting = z.custom<FetchFunction>((v) => typeof v === "function", "fetch must be a function").optional();
