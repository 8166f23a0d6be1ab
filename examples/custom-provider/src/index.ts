export { cohere, CohereSettings } from "./cohere-provider.js";
export { createCohereChatModel, type CohereModelSettings } from "./cohere-chat-language-model.js";
