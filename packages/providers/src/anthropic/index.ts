export * from "./anthropic-provider.js";
export { createAnthropicMessagesModel, type AnthropicModelSettings } from "./anthropic-messages-language-model.js";
