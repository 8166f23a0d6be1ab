import { z } from "zod";

/**
 * A virtual key declared in config: its plaintext from `key` (usually `env:NAME`) or only its
 * SHA-256 `hash` (hex), scoped to routes/models, with rate limits and a USD budget.
 * @example
 * const k: KeyDeclaration = { name: "team-a", key: "env:TEAM_A_KEY", routes: ["main"], rpm: 60, budget: { dailyUsd: 5 } };
 */
export const KeyDeclaration = z
  .object({
    name: z.string().min(1),
    key: z.string().min(1).optional(),
    hash: z.string().regex(/^[0-9a-f]{64}$/, "must be a hex SHA-256").optional(),
    routes: z.array(z.string().min(1)).optional(),
    rpm: z.number().int().positive().optional(),
    tpm: z.number().int().positive().optional(),
    budget: z.object({ dailyUsd: z.number().positive().optional(), monthlyUsd: z.number().positive().optional() }).optional(),
  })
  .refine((k) => (k.key === undefined) !== (k.hash === undefined), { message: "give exactly one of `key` or `hash`" });
export type KeyDeclaration = z.infer<typeof KeyDeclaration>;

/**
 * Gateway settings shared by TS and JSON/YAML configs (everything but models and routes).
 * Secrets are `env:NAME` references, resolved at load time and never logged.
 * @example
 * GatewaySettings.parse({ state: { redis: "redis://127.0.0.1:6379" }, cache: { ttlSeconds: 60 } });
 */
export const GatewaySettings = z.object({
  /** Extra names for routes or models: `{ "gpt-4o": "main" }`. */
  aliases: z.record(z.string().min(1), z.string().min(1)).optional(),
  /** Virtual keys. Absent: auth is off (local development). */
  keys: z.array(KeyDeclaration).optional(),
  admin: z
    .object({
      key: z.string().min(1),
      /** Answer `/admin/*` from non-loopback clients too. Off by default: the admin API is local-only. */
      allowRemote: z.boolean().default(false),
    })
    .optional(),
  state: z.object({ redis: z.string().url().optional(), prefix: z.string().min(1).default("sy:") }).optional(),
  cache: z
    .object({
      ttlSeconds: z.number().positive().default(300),
      /** Per-route switch: `{ creative: false }` never caches that route. */
      routes: z.record(z.string(), z.boolean()).optional(),
    })
    .optional(),
  limits: z
    .object({
      maxBodyBytes: z.number().int().positive().default(4 * 1024 * 1024),
      maxHeaderBytes: z.number().int().positive().default(16 * 1024),
      requestTimeoutMs: z.number().int().positive().default(600_000),
      maxConcurrentStreams: z.number().int().positive().default(1000),
      shutdownGraceMs: z.number().int().nonnegative().default(10_000),
    })
    .prefault({}),
  server: z
    .object({
      port: z.number().int().min(0).max(65535).optional(),
      host: z.string().optional(),
      /** Serve HTTPS. Each of `cert`/`key` is a PEM string, a file path (relative to the config file) or `env:NAME`. */
      tls: z.object({ cert: z.string().min(1), key: z.string().min(1) }).optional(),
    })
    .optional(),
});
export type GatewaySettingsInput = z.input<typeof GatewaySettings>;
export type GatewaySettings = z.output<typeof GatewaySettings>;
