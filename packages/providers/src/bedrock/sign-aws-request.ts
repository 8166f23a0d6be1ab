import { AuthFailed } from "@switchyard/core";
import * as Effect from "effect/Effect";

/** AWS credentials for SigV4. @example const c: AwsCredentials = { accessKeyId: "AKIA...", secretAccessKey: "..." }; */
export interface AwsCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string | undefined;
}

/**
 * Input of {@link signAwsRequest}.
 * @example
 * const input: SignAwsRequestInput = { url, body, region: "us-east-1", service: "bedrock", credentials, headers: {} };
 */
export interface SignAwsRequestInput {
  readonly url: string;
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly region: string;
  readonly service: string;
  readonly credentials: AwsCredentials;
  /** The signing time; tests pin it to re-derive a signature. */
  readonly signingDate?: Date;
  readonly model: string;
}

/**
 * Signs a POST with AWS Signature V4 (smithy's signer, pure-JS SHA-256) and returns the
 * headers to send: the input headers plus `authorization`, `x-amz-date`,
 * `x-amz-content-sha256` and, for temporary credentials, `x-amz-security-token`. `host` is
 * signed but not returned: fetch sets it from the URL, to the same value.
 * @example
 * const headers = yield* signAwsRequest({ url, body, headers: { "content-type": "application/json" }, region, service: "bedrock", credentials, model });
 */
export const signAwsRequest = (input: SignAwsRequestInput): Effect.Effect<Record<string, string>, AuthFailed> =>
  Effect.tryPromise({
    try: async () => {
      // Loaded on first use: processes that never call Bedrock never load the AWS signer.
      const [{ SignatureV4 }, { Sha256 }] = await Promise.all([import("@smithy/signature-v4"), import("@aws-crypto/sha256-js")]);
      const url = new URL(input.url);
      const signer = new SignatureV4({ service: input.service, region: input.region, credentials: input.credentials, sha256: Sha256, applyChecksum: true });
      const query: Record<string, string> = {};
      url.searchParams.forEach((value, key) => {
        query[key] = value;
      });
      const signed = await signer.sign(
        {
          method: "POST",
          protocol: url.protocol,
          hostname: url.hostname,
          ...(url.port ? { port: Number(url.port) } : {}),
          path: url.pathname,
          query,
          headers: Object.assign({}, input.headers, { host: url.host }),
          body: input.body,
        },
        input.signingDate ? { signingDate: input.signingDate } : {},
      );
      const { host: _host, ...headers } = signed.headers;
      return headers;
    },
    catch: (cause) =>
      new AuthFailed({
        message: `bedrock: could not sign the request (${cause instanceof Error ? cause.message : "unknown error"})`,
        provider: "bedrock",
        model: input.model,
      }),
  });
