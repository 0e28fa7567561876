import { readFieldText, type CodedFieldProblem, type Connection, type ConnectorMeta, type FieldMeta, type FlowDefinition, type FlowStep } from "@fluxo/contracts";
import { getOperation } from "@fluxo/connectors/catalog";
import { hasExpression, type MessageRef } from "@fluxo/expressions";
import { portsFromCatalog } from "./connectRules.js";
import { findExpressionProblem, type ExpressionProblem } from "./expressions/expressionProblem.js";
import { isEmptyValue, isFieldVisible, pathKey, type ParamPath, type Values } from "./parameters.js";
import { stepIdProblem, type StepIdProblem } from "./stepIds.js";

export type IssueCode =
  | StepIdProblem
  | "min_items"
  | "max_items"
  | "not_a_number"
  /** A value the operation's own rule for the field refuses (Espera's duration past 300000 ms); `detail` holds the rule's words. */
  | "invalid_value"
  | "invalid_url"
  | "no_connection"
  | "unknown_connection"
  | "unknown_connector"
  | "unknown_operation"
  /** An expression that doesn't parse; `detail` holds the parser's pt-BR message (with the column), `detailMessage` its code. */
  | "expression_syntax"
  /** An expression reads `.steps.<stepId>` of a step that doesn't run before this one. */
  | "unknown_step"
  /** An expression reads the result of its own step. */
  | "self_step"
  /** Said by the server; `detail` holds its words. */
  | "server";

/**
 * One problem of a step. `target` says which input it belongs to; for parameters,
 * `path` is the dotted path inside `parameters` (the API's `FieldProblem.field`).
 */
export interface StepIssue {
  target: "id" | "connection" | "operation" | "parameter" | "step";
  path?: string;
  code: IssueCode;
  limit?: number;
  detail?: string;
  /** `detail` as a code and params of the message catalog, told in the language chosen. */
  detailMessage?: MessageRef;
  /** For `unknown_step` and `self_step`: the step the expression names. */
  stepId?: string;
}

const SHOWN_WHILE_TYPING: readonly IssueCode[] = ["expression_syntax", "unknown_step", "self_step", "not_a_number", "invalid_value"];

/**
 * Expression problems, and a number field's value that isn't one or that the operation's rule
 * refuses (out of its range), are shown as they are typed, not only once the field is left or a save refused.
 */
export function isShownWhileTyping(issue: StepIssue): boolean {
  return SHOWN_WHILE_TYPING.includes(issue.code);
}

/**
 * A list's empty item (Enter adds one) is unfinished, not wrong, until a save or a run asks for the
 * whole step: neither its field nor the node nor the tab counts it before then.
 */
function isLeftForLater(issue: StepIssue): boolean {
  return issue.code === "required" && issue.path !== undefined && /\.\d+$/.test(issue.path);
}

/** The issues to mark now, by step: those left for later dropped (steps left with none have no entry). */
export function withoutLeftForLater(issuesByStep: Readonly<Record<string, StepIssue[]>>, revealIssues: boolean): Record<string, StepIssue[]> {
  if (revealIssues) return issuesByStep;
  const shown: Record<string, StepIssue[]> = {};
  for (const [stepId, issues] of Object.entries(issuesByStep)) {
    const kept = issues.filter((issue) => !isLeftForLater(issue));
    if (kept.length > 0) shown[stepId] = kept;
  }
  return shown;
}

export interface ValidationContext {
  connectors: readonly ConnectorMeta[];
  /** All connections, or undefined while they load (connection checks are then skipped). */
  connections: readonly Connection[] | undefined;
}

/**
 * Everything the client can tell is wrong with `step` before the server sees it.
 * `stepsBefore` are the steps that run before it (the only ones its expressions may read).
 */
export function validateStep(step: FlowStep, otherIds: readonly string[], context: ValidationContext, stepsBefore: readonly string[] = []): StepIssue[] {
  const issues: StepIssue[] = [];
  const idProblem = stepIdProblem(step.id, otherIds);
  if (idProblem) issues.push({ target: "id", code: idProblem });

  const connector = context.connectors.find((c) => c.key === step.connector);
  if (!connector) return [...issues, { target: "step", code: "unknown_connector" }];

  if (step.connectionId === null) {
    // A connector whose steps may run without authentication (HTTP) takes "no connection" as a choice.
    if (!connector.connectionOptional) issues.push({ target: "connection", code: "no_connection" });
  }
  else if (context.connections && !context.connections.some((c) => c.id === step.connectionId && c.connector === step.connector)) {
    issues.push({ target: "connection", code: "unknown_connection" });
  }

  const operation = connector.operations.find((o) => o.key === step.operation);
  if (!operation) return [...issues, { target: "operation", code: "unknown_operation" }];
  const rules = getOperation(step.connector, step.operation)?.fields;
  return [...issues, ...validateFields(operation.fields, step.parameters, [], { stepsBefore, ownStepId: step.id }, rules)];
}

interface ExpressionScope {
  stepsBefore: readonly string[];
  ownStepId: string;
}

/**
 * A field as the operation defines it (`@fluxo/connectors`): its `schema` is the rule the server
 * checks a saved value with (packages/engine's validateFieldValues), so the editor checks with it too.
 */
type FieldRule = NonNullable<ReturnType<typeof getOperation>>["fields"][number];

/** The operation's rule refusing a number field's value, as an issue told in the rule's own words; null when it accepts it. */
function ruleIssue(rule: FieldRule | undefined, value: unknown, path: ParamPath): StepIssue | null {
  const result = rule?.schema.safeParse(value);
  if (!result || result.success) return null;
  const message = result.error.issues[0]?.message;
  const told = message ? readFieldText(message) : undefined;
  return {
    target: "parameter",
    path: pathKey(path),
    code: "invalid_value",
    ...(message ? { detail: message } : {}),
    ...(told ? { detailMessage: told.params ? { code: told.code, params: told.params } : { code: told.code } } : {}),
  };
}

function expressionIssue(problem: ExpressionProblem, path: ParamPath): StepIssue {
  const base = { target: "parameter" as const, path: pathKey(path), code: problem.code };
  if (problem.code !== "expression_syntax") return { ...base, stepId: problem.stepId };
  const { message, messageCode, messageParams } = problem.error;
  return { ...base, detail: message, detailMessage: messageParams ? { code: messageCode, params: messageParams } : { code: messageCode } };
}

/**
 * Validates the visible fields of one form level (the parameters, one object-list entry, or a group).
 * `rules` are the same level's fields as the operation defines them (undefined when this build doesn't know it).
 */
function validateFields(fields: readonly FieldMeta[], values: Values | undefined, base: ParamPath, scope: ExpressionScope, rules?: readonly FieldRule[]): StepIssue[] {
  const issues: StepIssue[] = [];
  for (const field of fields) {
    if (!isFieldVisible(field, fields, values)) continue;
    const rule = rules?.find((r) => r.key === field.key);
    const path = [...base, field.key];
    const value = values?.[field.key] ?? field.default;
    const issue = (code: IssueCode, limit?: number): StepIssue => ({ target: "parameter", path: pathKey(path), code, ...(limit === undefined ? {} : { limit }) });

    if (isEmptyValue(value)) {
      if (field.required) issues.push(issue("required"));
      else if (field.minItems && Array.isArray(value)) issues.push(issue("min_items", field.minItems));
      continue;
    }
    // An expression's value is only known when the flow runs: it is checked as an expression only.
    if (field.expression && typeof value === "string" && hasExpression(value)) {
      const problem = findExpressionProblem(value, scope.stepsBefore, scope.ownStepId);
      if (problem) issues.push(expressionIssue(problem, path));
      continue;
    }

    if (field.type === "group") {
      const group = typeof value === "object" && !Array.isArray(value) ? (value as Values) : undefined;
      issues.push(...validateFields(field.itemFields ?? [], group, path, scope, rule?.itemFields));
    } else if (field.type === "string-list" || field.type === "object-list") {
      const items = Array.isArray(value) ? value : [];
      if (field.minItems !== undefined && items.length < field.minItems) issues.push(issue("min_items", field.minItems));
      if (field.maxItems !== undefined && items.length > field.maxItems) issues.push(issue("max_items", field.maxItems));
      if (field.type === "object-list") {
        items.forEach((item, index) => issues.push(...validateFields(field.itemFields ?? [], item as Values, [...path, index], scope, rule?.itemFields)));
      } else {
        items.forEach((item, index) => {
          const problem = field.expression && typeof item === "string" ? findExpressionProblem(item, scope.stepsBefore, scope.ownStepId) : null;
          if (problem) issues.push(expressionIssue(problem, [...path, index]));
          else if (isEmptyValue(item)) issues.push({ target: "parameter", path: pathKey([...path, index]), code: "required" });
        });
      }
    } else if (field.type === "number" && !Number.isFinite(typeof value === "number" ? value : Number(value))) {
      issues.push(issue("not_a_number"));
    } else if (field.type === "number") {
      // A number the operation can't take (out of its range, not whole): its own rule says so as it is typed, as the server would on save.
      const refused = ruleIssue(rule, value, path);
      if (refused) issues.push(refused);
    } else if (field.type === "url" && !isUrl(value)) {
      issues.push(issue("invalid_url"));
    }
  }
  return issues;
}

function isUrl(value: unknown): boolean {
  if (typeof value !== "string") return false;
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}

/**
 * Spreads a 422's `errors[]` over the steps they name. Problems that name no step
 * (graph rules) come back under the empty key, to be shown for the flow as a whole.
 */
export function issuesFromProblems(problems: readonly CodedFieldProblem[], steps: readonly FlowStep[]): Record<string, StepIssue[]> {
  const byStep: Record<string, StepIssue[]> = {};
  for (const problem of problems) {
    const stepId = problem.stepId ?? stepIdFromPath(problem.path, steps);
    const field = problem.field ?? /\.parameters\.(.+)$/.exec(problem.path)?.[1];
    // Kept by code when the server sent one (a saved draft's problems), so it reads in whichever language the app is in later.
    const told: Pick<StepIssue, "code" | "detail" | "detailMessage"> = {
      code: "server",
      detail: problem.message,
      ...(problem.messageCode ? { detailMessage: problem.messageParams ? { code: problem.messageCode, params: problem.messageParams } : { code: problem.messageCode } } : {}),
    };
    // A step's connection, id or operation is marked where it is chosen, even when the problem names it as its field.
    const target = /\.parameters\./.test(problem.path) ? "parameter" : targetFromPath(problem.path);
    const issue: StepIssue = field && (target === "parameter" || target === "step") ? { target: "parameter", path: field, ...told } : { target, ...told };
    (byStep[stepId ?? ""] ??= []).push(issue);
  }
  return byStep;
}

function stepIdFromPath(path: string, steps: readonly FlowStep[]): string | undefined {
  const match = /(?:^|\.)steps\.(\d+)(?:\.|$)/.exec(path);
  return match ? steps[Number(match[1])]?.id : undefined;
}

function targetFromPath(path: string): StepIssue["target"] {
  if (/\.connectionId$/.test(path)) return "connection";
  if (/steps\.\d+\.id$/.test(path)) return "id";
  if (/\.operation$/.test(path)) return "operation";
  return "step";
}

/**
 * The server names a step's exits by key, the same in every language (`saída "each"`); the editor
 * shows them by their label in the catalog it was served ("Cada item"). `ports` (`"true" | "false"`)
 * lists them the same way. A port the step doesn't have keeps its key.
 */
export function withPortLabels(issues: readonly StepIssue[], definition: Pick<FlowDefinition, "steps">, catalog: readonly ConnectorMeta[]): StepIssue[] {
  const portsOf = portsFromCatalog(definition, catalog);
  return issues.map((issue) => {
    const ref = issue.detailMessage;
    const params = ref?.params;
    if (!ref || !params) return issue;
    // Whose exits the message speaks of: the Loop of a repeat rule, else the link's source.
    const owner = ref.code === "definition.outside_repeat" ? params["step"] : ref.code.startsWith("definition.port_") ? params["source"] : undefined;
    if (typeof owner !== "string") return issue;
    const ports = portsOf(owner);
    if (ports.length === 0) return issue;
    const labelled = { ...params };
    if (typeof params["port"] === "string") labelled["port"] = ports.find((p) => p.key === params["port"])?.label ?? params["port"];
    if (typeof params["ports"] === "string") labelled["ports"] = params["ports"].replace(/"([^"]*)"/g, (quoted, key: string) => {
      const label = ports.find((p) => p.key === key)?.label;
      return label === undefined ? quoted : `"${label}"`;
    });
    return { ...issue, detailMessage: { ...ref, params: labelled } };
  });
}
