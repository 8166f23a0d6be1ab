import { AuthFailed, type CallOptions, type ChatRequest, type LanguageModel } from "@switchyard/core";
import * as Effect from "effect/Effect";
import { decodeWireResponse } from "../kit/decode-wire-response.js";
import { defineHttpLanguageModel } from "../kit/define-http-language-model.js";
import { readJson, sendRequest, type FetchFunction } from "../kit/http.js";
import { createBedrockStreamMapper } from "./bedrock-stream-mapper.js";
import { BedrockConverseResponse } from "./bedrock-wire.js";
import { toBedrockRequest } from "./convert-to-bedrock-request.js";
import { eventStreamResponse } from "./event-stream-response.js";
import { classifyBedrockError } from "./map-bedrock-error.js";
import { mapBedrockResponse } from "./map-bedrock-response.js";
import { signAwsRequest, type AwsCredentials } from "./sign-aws-request.js";

/** Resolved settings the model is built from (see `bedrock(...)`). */
export interface BedrockModelSettings {
  readonly region: string;
  readonly baseURL: string;
  readonly credentials?: AwsCredentials | undefined;
  /** A Bedrock API key (bearer token) instead of SigV4 credentials. */
  readonly apiKey?: string | undefined;
  readonly headers?: Readonly<Record<string, string>> | undefined;
  readonly fetch?: FetchFunction | undefined;
}

const PROVIDER = "bedrock";

type Auth = { readonly kind: "bearer"; readonly token: string } | { readonly kind: "sigv4"; readonly credentials: AwsCredentials };

/** Explicit settings win over the environment; read at call time so rotated env credentials are honoured. */
const resolveAuth = (settings: BedrockModelSettings): Auth | undefined => {
  if (settings.credentials) return { kind: "sigv4", credentials: settings.credentials };
  const token = settings.apiKey ?? process.env.AWS_BEARER_TOKEN_BEDROCK;
  if (token) return { kind: "bearer", token };
  const { AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey, AWS_SESSION_TOKEN: sessionToken } = process.env;
  return accessKeyId && secretAccessKey ? { kind: "sigv4", credentials: { accessKeyId, secretAccessKey, sessionToken } } : undefined;
};

/**
 * A model behind the Bedrock Converse API (`POST /model/{id}/converse` and
 * `/converse-stream`), signed with SigV4 or sent with a Bedrock API key.
 * @example
 * const model = createBedrockConverseModel({ region: "us-east-1", baseURL: "https://bedrock-runtime.us-east-1.amazonaws.com" }, "amazon.nova-lite-v1:0");
 */
export const createBedrockConverseModel = (settings: BedrockModelSettings, modelId: string): LanguageModel => {
  const base = `${settings.baseURL.replace(/\/+$/, "")}/model/${encodeURIComponent(modelId)}`;
  const ctx = { provider: PROVIDER, model: modelId };

  const prepare = (request: ChatRequest, options: CallOptions | undefined, stream: boolean) =>
    Effect.gen(function* () {
      const body = JSON.stringify(yield* toBedrockRequest(request));
      const auth = resolveAuth(settings);
      if (!auth) {
        return yield* Effect.fail(
          new AuthFailed({ message: "bedrock: no credentials (set credentials or apiKey, or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY)", ...ctx }),
        );
      }
      const url = `${base}/${stream ? "converse-stream" : "converse"}`;
      const plain = {
        "content-type": "application/json",
        accept: stream ? "application/vnd.amazon.eventstream" : "application/json",
        ...settings.headers,
        ...options?.headers,
      };
      const headers =
        auth.kind === "bearer"
          ? Object.assign({}, plain, { authorization: `Bearer ${auth.token}` })
          : yield* signAwsRequest({ url, body, headers: plain, region: settings.region, service: "bedrock", credentials: auth.credentials, model: modelId });
      // The access key id is not secret, but nothing an upstream echoes should identify our credentials.
      const secrets =
        auth.kind === "bearer"
          ? [auth.token]
          : [auth.credentials.accessKeyId, auth.credentials.secretAccessKey, ...(auth.credentials.sessionToken ? [auth.credentials.sessionToken] : [])];
      return (signal?: AbortSignal) =>
        sendRequest({
          url,
          headers,
          body,
          ...ctx,
          classify: classifyBedrockError,
          redact: secrets,
          ...(settings.fetch ? { fetch: settings.fetch } : {}),
          ...(signal ? { signal } : {}),
        });
    });

  const jsonMode = (request: ChatRequest) => request.responseFormat !== undefined && request.responseFormat.type !== "text";

  return defineHttpLanguageModel({
    provider: PROVIDER,
    modelId,
    prepare,
    generate: (send, request) =>
      Effect.gen(function* () {
        const response = yield* send();
        const wire = yield* decodeWireResponse(yield* readJson(response, ctx), BedrockConverseResponse, ctx);
        const id = response.headers.get("x-amzn-requestid") ?? `bedrock-${Date.now().toString(36)}`;
        return mapBedrockResponse(wire, { id, model: modelId, jsonMode: jsonMode(request) });
      }),
    stream: (send, request) => eventStreamResponse({ open: send, mapper: () => createBedrockStreamMapper(modelId, jsonMode(request)), ...ctx }),
  });
};
