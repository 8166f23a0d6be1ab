/**
 * Splits a recorded SSE stream into its events (each keeps its trailing blank line), so a
 * fixture file holding the exact wire bytes can be replayed event by event as `rawChunks`.
 * @example
 * splitSseEvents("event: ping\ndata: {}\n\nevent: ping\ndata: {}\n\n").length; // 2
 */
export const splitSseEvents = (raw: string): string[] => raw.split(/(?<=\r?\n\r?\n)/).filter((s) => s.length > 0);
