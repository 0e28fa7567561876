export { ExpressionError, type ExpressionErrorCode } from "./errors.js";
export type { Template, TemplateNode, TextNode, ActionNode, PipelineNode, ExprNode, FieldNode, FieldName, CallNode, ParenNode, LiteralNode } from "./ast.js";
export { hasExpression, parseTemplate, tryParseTemplate } from "./parser.js";
export { evaluateTemplate, resolveValue, type EvaluationData, type EvaluateOptions } from "./evaluator.js";
export { collectReferences, type References } from "./references.js";
export { completions, type CompletionContext, type CompletionOption, type CompletionResult } from "./completions.js";
export { FUNCTIONS, type FunctionInfo } from "./functions.js";
export { LIMITS } from "./limits.js";
export { pathExpression } from "./paths.js";
