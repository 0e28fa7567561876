export * from "./flow.js";
export * from "./execution.js";
export * from "./api.js";
export * from "./catalog.js";
export * from "./auth.js";
export * from "./responses.js";
export * from "./execution-list.js";
export * from "./retention.js";
