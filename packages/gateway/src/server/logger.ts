/** Structured log lines (JSON, one per line) with every known secret redacted. */
export interface Logger {
  readonly info: (msg: string, fields?: Readonly<Record<string, unknown>>) => void;
  readonly warn: (msg: string, fields?: Readonly<Record<string, unknown>>) => void;
  readonly error: (msg: string, fields?: Readonly<Record<string, unknown>>) => void;
  /** Adds values (resolved API keys, admin key) that must never appear in output. */
  readonly addSecrets: (secrets: Iterable<string>) => void;
}

// Key-shaped tokens are masked even when we did not know them (a client's key in an error).
const KEY_PATTERN = /\b(sk-[A-Za-z0-9_-]{4})[A-Za-z0-9_-]{8,}/g;
const BEARER_PATTERN = /(Bearer\s+)[^\s"']+/gi;

/**
 * Redacts secrets and anything key-shaped from a string.
 * @example
 * redact("key sk-sy-abcdefghijklmnop", new Set()); // "key sk-sy-…"
 */
export const redact = (text: string, secrets: ReadonlySet<string>): string => {
  let out = text;
  for (const s of secrets) if (s.length >= 6 && out.includes(s)) out = out.split(s).join("[redacted]");
  return out.replace(KEY_PATTERN, "$1…").replace(BEARER_PATTERN, "$1[redacted]");
};

/**
 * A logger writing JSON lines to `write` (stderr by default).
 * @example
 * const log = createLogger();
 * log.addSecrets([process.env.OPENAI_API_KEY ?? ""]);
 * log.info("config loaded", { routes: 3 });
 */
export const createLogger = (write: (line: string) => void = (line) => process.stderr.write(line)): Logger => {
  const secrets = new Set<string>();
  const emit = (level: string, msg: string, fields?: Readonly<Record<string, unknown>>): void => {
    const line = JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields }, (_k, v: unknown) =>
      v instanceof Error ? { name: v.name, message: v.message } : v,
    );
    write(`${redact(line, secrets)}\n`);
  };
  return {
    info: (msg, fields) => emit("info", msg, fields),
    warn: (msg, fields) => emit("warn", msg, fields),
    error: (msg, fields) => emit("error", msg, fields),
    addSecrets: (values) => {
      for (const v of values) {
        if (v === "") continue;
        secrets.add(v);
        // Lines are JSON: a secret with newlines or quotes (a PEM key) appears escaped there.
        const escaped = JSON.stringify(v).slice(1, -1);
        if (escaped !== v) secrets.add(escaped);
      }
    },
  };
};

/** A logger that writes nothing (tests, embedding). @example startGateway({ config, logger: silentLogger }); */
export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {}, addSecrets: () => {} };
