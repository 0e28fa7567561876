import { readFieldText, stepMessage, type CodedFieldProblem, type FlowDefinition, type FlowStep, type StepMessageCode, type StepMessageParam } from "@fluxo/contracts";
import { getConnector, getOperation, type FieldDefinition } from "@fluxo/connectors";
import { collectReferences, hasExpression, tryParseTemplate, type ExpressionError } from "@fluxo/expressions";
import { asRecord, isEmptyValue, isFieldActive } from "./field-walk.js";
import { edgePortProblems, repeatBranchProblems } from "./port-rules.js";
import { planRunOrder } from "./run-order.js";

export interface DefinitionContext {
  /** Ids of the connections that exist, with their connector key. */
  connections: ReadonlyMap<string, { connector: string }>;
}

/**
 * Everything that would stop a flow from running, one problem per field, with paths
 * relative to the request body (`definition.steps.0.parameters…`). Empty means runnable.
 * Run, publish (and anything else that executes it) refuse a definition with any of these.
 */
export function validateFlowDefinition(definition: FlowDefinition, context: DefinitionContext): CodedFieldProblem[] {
  const { invalid, unfinished } = classifyFlowDefinition(definition, context);
  return [...invalid, ...unfinished];
}

/**
 * What makes a definition meaningless — two steps with one id, an unknown connector or
 * operation, an edge to a missing step or back to Início, a cycle — so not even a draft of it
 * is stored. Everything else (empty required fields, no connection yet, an expression that
 * doesn't parse yet or names a step that doesn't exist or comes later, a step not linked yet)
 * is a draft's unfinished work: it saves, and is refused when run or published.
 */
export function findInvalidDefinition(definition: FlowDefinition): CodedFieldProblem[] {
  return classifyFlowDefinition(definition, { connections: new Map() }).invalid;
}

/** The definition's problems, split into meaningless (refused at save) and unfinished (refused at run). */
export function classifyFlowDefinition(definition: FlowDefinition, context: DefinitionContext): { invalid: CodedFieldProblem[]; unfinished: CodedFieldProblem[] } {
  const problems: CodedFieldProblem[] = [];
  const unfinished: CodedFieldProblem[] = [];
  const seen = new Map<string, number>();
  definition.steps.forEach((step, index) => {
    const first = seen.get(step.id);
    if (first !== undefined) {
      problems.push(stepProblem(index, step.id, "id", stepMessage("definition.id_taken", { step: step.id, position: first + 1 })));
    } else {
      seen.set(step.id, index);
    }
  });

  const graph = planRunOrder(definition);
  for (const problem of [...graph.problems, ...edgePortProblems(definition), ...(graph.ok ? repeatBranchProblems(definition) : [])]) {
    (problem.unlinked ? unfinished : problems).push({ path: `definition.${problem.path}`, message: problem.message, messageCode: problem.messageCode, ...(problem.messageParams ? { messageParams: problem.messageParams } : {}), ...(problem.stepId ? { stepId: problem.stepId } : {}) });
  }

  // Which steps run before each step: the ones that can reach it along edges.
  const ancestors = graph.ok ? graph.ancestors : new Map<string, Set<string>>();
  definition.steps.forEach((step, index) => {
    const connector = getConnector(step.connector);
    if (!connector) return problems.push(stepProblem(index, step.id, "connector", stepMessage("definition.unknown_connector", { connector: step.connector })));
    if (!getOperation(step.connector, step.operation)) return problems.push(stepProblem(index, step.id, "operation", stepMessage("definition.unknown_operation", { operation: step.operation, connector: connector.name })));
    return unfinished.push(...validateStep(step, index, context, ancestors.get(step.id)));
  });
  return { invalid: problems, unfinished };
}

/** A step of a known connector and operation: what is left to fill in before it can run. */
function validateStep(step: FlowStep, index: number, context: DefinitionContext, before: Set<string> | undefined): CodedFieldProblem[] {
  const connector = getConnector(step.connector)!;
  const operation = getOperation(step.connector, step.operation)!;

  const problems: CodedFieldProblem[] = [];
  if (!step.connectionId) {
    if (!connector.connectionOptional) problems.push(stepProblem(index, step.id, "connectionId", stepMessage("definition.choose_connection", { connector: connector.name })));
  } else {
    const connection = context.connections.get(step.connectionId);
    if (!connection) problems.push(stepProblem(index, step.id, "connectionId", stepMessage("definition.connection_gone")));
    else if (connection.connector !== step.connector) problems.push(stepProblem(index, step.id, "connectionId", stepMessage("definition.connection_other_connector", { connector: connector.name })));
  }

  for (const problem of validateFieldValues(operation.fields, step.parameters, "")) {
    problems.push(stepProblem(index, step.id, `parameters.${problem.field}`, problem, problem.field));
  }
  for (const reference of referencedSteps(operation.fields, step.parameters)) {
    if (before?.has(reference.stepId)) continue;
    const message = stepMessage(reference.stepId === step.id ? "definition.reads_itself" : "definition.reads_unknown_step", { step: reference.stepId });
    problems.push(stepProblem(index, step.id, `parameters.${reference.field}`, message, reference.field));
  }
  return problems;
}

/** Checks values against field metadata; expression values are only parsed (they resolve at run time). */
export function validateFieldValues(fields: FieldDefinition[], values: Record<string, unknown>, basePath: string): FieldValueProblem[] {
  const problems: FieldValueProblem[] = [];
  const coded = (field: string, code: StepMessageCode, params?: Record<string, StepMessageParam>) => problems.push({ field, ...stepMessage(code, params) });
  for (const field of fields) {
    if (!isFieldActive(field, values)) continue;
    const path = basePath ? `${basePath}.${field.key}` : field.key;
    const value = values[field.key];
    if (isEmptyValue(value)) {
      // A required field left out takes its default (the parameters schema applies it).
      const defaulted = value === undefined && field.default !== undefined;
      if (!defaulted && (field.required || (field.minItems ?? 0) > 0)) coded(path, "definition.required");
      continue;
    }
    if (field.expression && typeof value === "string" && hasExpression(value)) {
      const parsed = tryParseTemplate(value);
      if (!parsed.ok) problems.push(expressionProblem(path, parsed.error));
      continue;
    }
    if (field.type === "group" && field.itemFields) {
      problems.push(...validateFieldValues(field.itemFields, asRecord(value), path));
      continue;
    }
    if (field.type === "object-list" && field.itemFields && Array.isArray(value)) {
      if (field.minItems !== undefined && value.length < field.minItems) coded(path, "definition.min_items", { min: field.minItems });
      if (field.maxItems !== undefined && value.length > field.maxItems) coded(path, "definition.max_items", { max: field.maxItems });
      const itemFields = field.itemFields;
      value.forEach((item, i) => problems.push(...validateFieldValues(itemFields, asRecord(item), `${path}.${i}`)));
      continue;
    }
    if (field.type === "string-list" && field.expression && Array.isArray(value)) {
      const literal: unknown[] = [];
      value.forEach((item, i) => {
        if (typeof item === "string" && hasExpression(item)) {
          const parsed = tryParseTemplate(item);
          if (!parsed.ok) problems.push(expressionProblem(`${path}.${i}`, parsed.error));
        } else literal.push(item);
      });
      const result = field.schema.safeParse(literal);
      if (!result.success) problems.push(schemaProblem(path, result.error.issues[0]?.message));
      continue;
    }
    const result = field.schema.safeParse(value);
    if (!result.success) problems.push(schemaProblem(path, result.error.issues[0]?.message));
  }
  return problems;
}

/** The steps whose results a step's expressions read (`.steps.<id>`), each once; none for an unknown operation. */
export function referencedStepIds(step: FlowStep): string[] {
  const operation = getOperation(step.connector, step.operation);
  return operation ? [...new Set(referencedSteps(operation.fields, step.parameters).map((r) => r.stepId))] : [];
}

/** Every `.steps.X` an active expression field of a step refers to. */
function referencedSteps(fields: FieldDefinition[], values: Record<string, unknown>, basePath = ""): { stepId: string; field: string }[] {
  const found: { stepId: string; field: string }[] = [];
  for (const field of fields) {
    if (!isFieldActive(field, values)) continue;
    const path = basePath ? `${basePath}.${field.key}` : field.key;
    const value = values[field.key];
    if (field.type === "object-list" && field.itemFields && Array.isArray(value)) {
      const itemFields = field.itemFields;
      value.forEach((item, i) => found.push(...referencedSteps(itemFields, asRecord(item), `${path}.${i}`)));
      continue;
    }
    if (field.type === "group" && field.itemFields) {
      found.push(...referencedSteps(field.itemFields, asRecord(value), path));
      continue;
    }
    if (!field.expression) continue;
    const texts = Array.isArray(value) ? value : [value];
    for (const text of texts) {
      if (typeof text !== "string" || !hasExpression(text)) continue;
      const parsed = tryParseTemplate(text);
      if (!parsed.ok) continue;
      for (const stepId of collectReferences(parsed.template).stepIds) found.push({ stepId, field: path });
    }
  }
  return found;
}

/** An expression that doesn't parse, told by its reason's code. */
function expressionProblem(field: string, error: ExpressionError): FieldValueProblem {
  return { field, message: error.message, messageCode: error.messageCode, ...(error.messageParams ? { messageParams: error.messageParams } : {}) };
}

/** A value its field's schema refused, told by the schema's message (and the code it was written from). */
function schemaProblem(field: string, message: string | undefined): FieldValueProblem {
  if (!message) return { field, ...stepMessage("definition.invalid_value") };
  const told = readFieldText(message);
  return { field, message, ...(told ? { messageCode: told.code, ...(told.params ? { messageParams: told.params } : {}) } : {}) };
}

/** A problem of one field's value: its pt-BR message, and its code when it has one. */
export interface FieldValueProblem {
  field: string;
  message: string;
  messageCode?: string;
  messageParams?: Record<string, StepMessageParam>;
}

function stepProblem(index: number, stepId: string, field: string, text: Pick<CodedFieldProblem, "message" | "messageCode" | "messageParams">, fieldInParameters?: string): CodedFieldProblem {
  const { message, messageCode, messageParams } = text;
  return { path: `definition.steps.${index}.${field}`, message, ...(messageCode ? { messageCode } : {}), ...(messageParams ? { messageParams } : {}), stepId, field: fieldInParameters ?? field };
}

