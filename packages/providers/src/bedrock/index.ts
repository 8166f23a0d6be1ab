export * from "./bedrock-provider.js";
export { createBedrockConverseModel, type BedrockModelSettings } from "./bedrock-converse-language-model.js";
export { EventStreamDecoder, encodeEventStreamMessage, type EventStreamMessage } from "./aws-event-stream-codec.js";
