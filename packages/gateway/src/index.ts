/**
 * `@switchyard/gateway`: an OpenAI- and Anthropic-compatible HTTP gateway over Switchyard
 * routes, with virtual keys, budgets, rate limits, a response cache and Redis-shared state.
 */
export { startGateway, type StartGatewayOptions, type RunningGateway } from "./server/start-gateway.js";
export { defineConfig, type GatewayConfig, type GatewayModel, type GatewayEmbeddingModel } from "./config/define-config.js";
export { ModelDeclaration } from "./config/model-declaration.js";
export { GatewaySettings, KeyDeclaration } from "./config/gateway-settings.js";
export { validateConfig, type ValidatedConfig } from "./config/validate-config.js";
export { loadConfigFile } from "./config/load-config-file.js";
export { resolveTlsMaterial, type TlsSource, type TlsMaterial } from "./config/resolve-tls-material.js";
export { makeRedisRouterState, type RedisRouterState } from "./state/redis-router-state.js";
export { createRedisConnection, type RedisConnection } from "./state/redis-connection.js";
export { hashKey, generateKey, type VirtualKey } from "./auth/virtual-key.js";
export { createLogger, silentLogger, redact, type Logger } from "./server/logger.js";
export type { CliCommand } from "./cli/cli-command.js";
