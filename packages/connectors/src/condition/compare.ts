import { ref, stepMessage, type StepMessageCode } from "@fluxo/contracts";
import { StepError } from "../sdk/errors.js";
import { shown } from "../sdk/built-in.js";

export const VALUE_TYPES = ["string", "number", "boolean", "date"] as const;
export type ValueType = (typeof VALUE_TYPES)[number];

export const OPERATORS = [
  "equals",
  "notEquals",
  "contains",
  "notContains",
  "startsWith",
  "endsWith",
  "greaterThan",
  "greaterOrEqual",
  "lessThan",
  "lessOrEqual",
  "before",
  "after",
  "isEmpty",
  "isNotEmpty",
] as const;
export type Operator = (typeof OPERATORS)[number];

/** Operators that look at the left value only. */
export const UNARY_OPERATORS: readonly Operator[] = ["isEmpty", "isNotEmpty"];

/** Which operators make sense for each type. */
export const OPERATORS_BY_TYPE: Record<ValueType, readonly Operator[]> = {
  string: ["equals", "notEquals", "contains", "notContains", "startsWith", "endsWith", "isEmpty", "isNotEmpty"],
  number: ["equals", "notEquals", "greaterThan", "greaterOrEqual", "lessThan", "lessOrEqual", "isEmpty", "isNotEmpty"],
  boolean: ["equals", "notEquals", "isEmpty", "isNotEmpty"],
  date: ["equals", "notEquals", "before", "after", "greaterOrEqual", "lessOrEqual", "isEmpty", "isNotEmpty"],
};

export interface Condition {
  type: ValueType;
  left?: unknown;
  operator: Operator;
  right?: unknown;
}

/** Whether one condition holds; a value that doesn't convert to its type fails the step naming the field and the value. */
export function evaluateCondition(condition: Condition, index: number): boolean {
  const { type, operator } = condition;
  if (operator === "isEmpty") return isEmpty(condition.left);
  if (operator === "isNotEmpty") return !isEmpty(condition.left);
  const left = convert(type, condition.left, `conditions.${index}.left`);
  const right = convert(type, condition.right, `conditions.${index}.right`);
  switch (operator) {
    case "equals":
      return left === right;
    case "notEquals":
      return left !== right;
    case "contains":
      return String(left).includes(String(right));
    case "notContains":
      return !String(left).includes(String(right));
    case "startsWith":
      return String(left).startsWith(String(right));
    case "endsWith":
      return String(left).endsWith(String(right));
    case "greaterThan":
    case "after":
      return left > right;
    case "greaterOrEqual":
      return left >= right;
    case "lessThan":
    case "before":
      return left < right;
    case "lessOrEqual":
      return left <= right;
  }
}

function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === "string") return value.trim() === "";
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === "object") return Object.keys(value).length === 0;
  return false;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const TYPE_NAMES: Record<ValueType, StepMessageCode> = { string: "condition.type.string", number: "condition.type.number", boolean: "condition.type.boolean", date: "condition.type.date" };

/** A value as its condition's type; numbers and dates compare as numbers (a date: its epoch ms). */
function convert(type: ValueType, value: unknown, path: string): string | number | boolean {
  const converted = tryConvert(type, value);
  if (converted !== undefined) return converted;
  const text = stepMessage("condition.not_of_type", { path, value: shown(value), type: ref(TYPE_NAMES[type]) });
  // The field's own line is the message without the path before it and the advice after it.
  const message = text.message.slice(`${path}: `.length).replace(/; mude o tipo da condição ou o valor$/, "");
  throw new StepError({ kind: "invalid_parameters", ...text, fields: [{ path, message }] });
}

function tryConvert(type: ValueType, value: unknown): string | number | boolean | undefined {
  switch (type) {
    case "string":
      if (value === undefined || value === null) return "";
      return typeof value === "object" ? JSON.stringify(value) : String(value);
    case "number": {
      if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
      if (typeof value !== "string" || value.trim() === "") return undefined;
      const number = Number(value.trim());
      return Number.isFinite(number) ? number : undefined;
    }
    case "boolean": {
      if (typeof value === "boolean") return value;
      const text = typeof value === "string" ? value.trim().toLowerCase() : undefined;
      return text === "true" ? true : text === "false" ? false : undefined;
    }
    case "date": {
      if (typeof value !== "string" || !ISO_DATE.test(value.trim())) return undefined;
      const ms = Date.parse(value.trim());
      return Number.isNaN(ms) ? undefined : ms;
    }
  }
}
