import { ContentFiltered, type ProviderError } from "@switchyard/core";
import type { HttpErrorDetails } from "../kit/index.js";

/**
 * Azure's content filter answers 400 with `error.code: "content_filter"` and an
 * `innererror` (`ResponsibleAIPolicyViolation`, `content_filter_result`). The status alone
 * would say BadRequest (never fall back); this says ContentFiltered (another provider may answer).
 * @example
 * mapHttpError({ ...input, classify: classifyAzureError });
 */
export const classifyAzureError = (details: HttpErrorDetails): ProviderError | undefined => {
  const code = details.code ?? "";
  if (/content_filter|ResponsibleAIPolicyViolation/i.test(code)) {
    return new ContentFiltered({
      message: `${details.provider} ${details.status}: ${details.upstreamMessage}`,
      provider: details.provider,
      model: details.model,
      status: details.status,
    });
  }
  return undefined;
};
