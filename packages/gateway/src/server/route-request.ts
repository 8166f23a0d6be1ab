import { adminKeys } from "../handlers/admin-keys.js";
import { chatCompletions } from "../handlers/chat-completions.js";
import { embeddings } from "../handlers/embeddings.js";
import { health, ready } from "../handlers/health.js";
import { messages } from "../handlers/messages.js";
import { listModels, retrieveModel } from "../handlers/models.js";
import type { Handler, WireFormat } from "./gateway-context.js";

/** A matched endpoint, or why none matched. */
export type Match = { readonly handler: Handler; readonly format: WireFormat } | { readonly error: 404 | 405 };

/**
 * Maps method and path to an endpoint handler. A plain switch: no framework on the hot path.
 * @example
 * const m = routeRequest("POST", "/v1/chat/completions", () => false);
 */
export const routeRequest = (method: string, path: string, draining: () => boolean): Match => {
  const exact = (m: string, handler: Handler, format: WireFormat = "openai"): Match => (method === m ? { handler, format } : { error: 405 });
  switch (path) {
    case "/v1/chat/completions":
      return exact("POST", chatCompletions);
    case "/v1/messages":
      return exact("POST", messages, "anthropic");
    case "/v1/embeddings":
      return exact("POST", embeddings);
    case "/v1/models":
      return exact("GET", listModels);
    case "/health":
      return exact("GET", health);
    case "/ready":
      return exact("GET", ready(draining));
  }
  if (path.startsWith("/v1/models/")) return exact("GET", retrieveModel(path.slice("/v1/models/".length)));
  if (path.startsWith("/admin/")) {
    const handler = adminKeys(method, path);
    return handler === undefined ? { error: 404 } : { handler, format: "openai" };
  }
  return { error: 404 };
};
