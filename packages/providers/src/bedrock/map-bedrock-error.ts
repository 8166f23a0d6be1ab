import { AuthFailed, BadRequest, ContextTooLong, Overloaded, RateLimited, Timeout, Unavailable, type ProviderError } from "@switchyard/core";
import type { HttpErrorDetails } from "../kit/map-http-error.js";
import { upstreamErrorContext, upstreamErrorFields, type UpstreamErrorContext } from "../kit/upstream-error-fields.js";

const TOO_LONG = /too long|too many (input )?tokens|context (window|length)|exceeds? the (maximum|max)/i;

/**
 * Maps a Bedrock error by its AWS error type (the `x-amzn-errortype` header on HTTP
 * errors, `:exception-type` on stream exceptions — the latter in lowerCamelCase).
 * @example
 * bedrockErrorFromType("ThrottlingException", "Too many requests", { model: "amazon.nova-lite-v1:0" })?._tag; // "RateLimited"
 */
export const bedrockErrorFromType = (
  type: string | undefined,
  upstreamMessage: string,
  ctx: UpstreamErrorContext,
): ProviderError | undefined => {
  const { base, retry } = upstreamErrorFields("bedrock", type, upstreamMessage, ctx);
  // "ThrottlingException:http://internal.amazon.com/..." and "throttlingException" name the same thing.
  switch (type?.split(":")[0]?.toLowerCase()) {
    case "throttlingexception":
    case "servicequotaexceededexception":
    case "modelnotreadyexception":
      return new RateLimited({ ...base, ...retry });
    case "serviceunavailableexception":
      return new Overloaded({ ...base, ...retry });
    case "accessdeniedexception":
    case "unrecognizedclientexception":
    case "invalidsignatureexception":
    case "expiredtokenexception":
      return new AuthFailed(base);
    case "modeltimeoutexception":
      return new Timeout(base);
    case "validationexception":
      return TOO_LONG.test(upstreamMessage) ? new ContextTooLong(base) : new BadRequest(base);
    case "resourcenotfoundexception":
      return new BadRequest({ ...base, param: "model" });
    case "internalserverexception":
    case "modelstreamerrorexception":
    case "modelerrorexception":
      return new Unavailable(base);
    default:
      return undefined;
  }
};

/**
 * The `classify` hook for Bedrock HTTP errors (type from `x-amzn-errortype`).
 * @example
 * sendRequest({ ...input, classify: classifyBedrockError });
 */
export const classifyBedrockError = (d: HttpErrorDetails): ProviderError | undefined =>
  bedrockErrorFromType(d.headers.get("x-amzn-errortype") ?? d.code, d.upstreamMessage, upstreamErrorContext(d));
