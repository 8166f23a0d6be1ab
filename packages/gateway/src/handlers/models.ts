import { authenticate } from "../auth/authenticate.js";
import { modelNotFound } from "../http/gateway-error.js";
import { sendJson } from "../http/respond.js";
import type { Handler } from "../server/gateway-context.js";
import { decodePathSegment } from "../http/decode-path-segment.js";

/**
 * `GET /v1/models`: routes, model aliases and extra aliases in OpenAI's list format; a
 * scoped key sees only what it may call.
 * @example
 * // curl -s localhost:8787/v1/models
 */
export const listModels: Handler = async (gw, ex) => {
  const key = await authenticate(ex.req, ex.runtime, gw.keys);
  const allowed = key?.routes;
  const data = allowed === undefined ? ex.runtime.models : ex.runtime.models.filter((m) => allowed.includes(m.id) || allowed.includes(ex.runtime.resolve(m.id) ?? ""));
  sendJson(ex.res, 200, { object: "list", data }, { "x-request-id": ex.requestId });
};

/**
 * `GET /v1/models/{id}`: one entry of the list, or 404.
 * @example
 * // curl -s localhost:8787/v1/models/main
 */
export const retrieveModel =
  (encodedId: string): Handler =>
  async (gw, ex) => {
    const id = decodePathSegment(encodedId);
    const key = await authenticate(ex.req, ex.runtime, gw.keys);
    const model = ex.runtime.models.find((m) => m.id === id);
    const route = ex.runtime.resolve(id);
    if (model === undefined || route === undefined || (key?.routes !== undefined && !key.routes.includes(id) && !key.routes.includes(route))) throw modelNotFound(id);
    sendJson(ex.res, 200, model, { "x-request-id": ex.requestId });
  };
