export * from "./ports.js";
export { DEFAULT_LIMITS, executionStart, runExecution, resolveParameters, type ExecutionOutcome } from "./run-execution.js";
export { classifyFlowDefinition, findInvalidDefinition, referencedStepIds, validateFlowDefinition, validateFieldValues, type DefinitionContext } from "./validate-definition.js";
export { planRunOrder, type RunOrder } from "./run-order.js";
export { branchInRunOrder } from "./flow-graph.js";
export { isFieldActive } from "./field-walk.js";
export { isRetryable, retryDelay, retryAfterMs } from "./retry-policy.js";
export { MemoryResultCache, SingleFlight, resultCacheKey, type StoredResult } from "./result-cache.js";
