import { Fragment, useState } from "react";
import type { AttemptView } from "../api-client.js";
import { ms, tokens, usd } from "../format.js";

const pretty = (json: string): string => {
  try {
    return JSON.stringify(JSON.parse(json), null, 2);
  } catch {
    return json;
  }
};

/** Every provider attempt: why it ran, how it ended, tokens by class, cost, TTFT; content when captured. */
export const AttemptsTable = ({ attempts }: { readonly attempts: ReadonlyArray<AttemptView> }) => {
  const [open, setOpen] = useState<number | undefined>();
  return (
    <table className="attempts" data-testid="attempts-table">
      <thead>
        <tr>
          <th>#</th><th>kind</th><th>model</th><th>provider / model</th><th>outcome</th><th>error</th><th>in</th><th>cached</th>
          <th>out</th><th>reasoning</th><th>cost</th><th>TTFT</th><th>duration</th><th>waited</th><th />
        </tr>
      </thead>
      <tbody>
        {attempts.map((a) => (
          <Fragment key={a.spanId}>
            <tr className={`outcome-${a.outcome}`} data-testid="attempt-row" data-outcome={a.outcome} data-kind={a.kind}>
              <td>{a.index}</td>
              <td><span className={`badge kind-${a.kind}`}>{a.kind}</span></td>
              <td>{a.model}</td>
              <td>{a.provider ?? "–"} / {a.responseModel ?? a.providerModel ?? "–"}</td>
              <td>{a.outcome}</td>
              <td title={a.errorMessage}>{a.errorType ?? ""}{a.errorMessage ? `: ${a.errorMessage.slice(0, 80)}` : ""}</td>
              <td>{tokens(a.inputTokens)}</td>
              <td>{tokens(a.cachedInputTokens)}</td>
              <td>{tokens(a.outputTokens)}</td>
              <td>{tokens(a.reasoningTokens)}</td>
              <td>{usd(a.costUsd)}</td>
              <td>{ms(a.ttftMs)}</td>
              <td>{ms(a.durationMs)}</td>
              <td>{ms(a.waitedMs)}</td>
              <td>
                {(a.inputMessages || a.outputMessages) && (
                  <button type="button" onClick={() => setOpen(open === a.index ? undefined : a.index)} data-testid="attempt-content-toggle">
                    {open === a.index ? "hide" : "content"}
                  </button>
                )}
              </td>
            </tr>
            {open === a.index && (
              <tr className="content-row">
                <td colSpan={15}>
                  <div className="content-pair">
                    <pre data-testid="attempt-request">{a.inputMessages ? pretty(a.inputMessages) : "(not captured)"}</pre>
                    <pre data-testid="attempt-response">{a.outputMessages ? pretty(a.outputMessages) : "(no answer)"}</pre>
                  </div>
                </td>
              </tr>
            )}
          </Fragment>
        ))}
      </tbody>
    </table>
  );
};
