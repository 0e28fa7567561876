import { z } from "zod";
import { EXPRESSION_MESSAGES, fillTemplate, type MessageLanguage, type MessageParam, type MessageRef } from "@fluxo/expressions";
import { ENGINE_MESSAGES } from "./step-messages/engine.js";
import { BTG_ID_MESSAGES } from "./step-messages/btg-id.js";
import { HTTP_MESSAGES } from "./step-messages/http.js";
import { BUILT_IN_MESSAGES } from "./step-messages/built-in.js";
import { OUTBOUND_MESSAGES } from "./step-messages/outbound.js";
import { DEFINITION_MESSAGES } from "./step-messages/definition.js";
import { SCHEDULE_MESSAGES } from "./step-messages/schedule.js";
import type { StepMessageTexts } from "./step-messages/texts.js";

/**
 * Every text a step error can be told with, by stable code, in each language the app speaks.
 * The engine and the connectors store a step error's `messageCode` and `messageParams` beside its
 * pt-BR `message` (rendered from the same text); the web app renders the code in the language
 * chosen, and falls back to `message` for a row stored before codes existed or a code it doesn't know.
 */
export const STEP_MESSAGES = {
  ...ENGINE_MESSAGES,
  ...BTG_ID_MESSAGES,
  ...HTTP_MESSAGES,
  ...BUILT_IN_MESSAGES,
  ...OUTBOUND_MESSAGES,
  ...EXPRESSION_MESSAGES,
  ...DEFINITION_MESSAGES,
  ...SCHEDULE_MESSAGES,
} as const satisfies StepMessageTexts;

export type StepMessageCode = keyof typeof STEP_MESSAGES;
export type StepMessageLanguage = MessageLanguage;

/**
 * A parameter of a step message: a value shown as is (a host, a status, the service's own words,
 * punctuation around them), or another message rendered in the same language (advice, a reason).
 * A ref's code is a StepMessageCode when written, read as any string (a row from a newer version may know more).
 * The shapes are the expression catalog's, whose messages nest in step messages.
 */
export type StepMessageParam = MessageParam;
export type StepMessageRef = MessageRef;

export const StepMessageParamSchema: z.ZodType<StepMessageParam> = z.lazy(() =>
  z.union([z.string(), z.number(), z.object({ code: z.string(), params: z.record(z.string(), StepMessageParamSchema).optional() })]),
);

export function isStepMessageCode(code: string): code is StepMessageCode {
  return Object.hasOwn(STEP_MESSAGES, code);
}

/** The text of `code` with its params filled in, in `language`; undefined for a code this build doesn't know. */
export function renderStepMessage(code: string, params: Record<string, StepMessageParam> | undefined, language: StepMessageLanguage): string | undefined {
  if (!isStepMessageCode(code)) return undefined;
  return fillTemplate(STEP_MESSAGES[code][language], params, (nested) => renderStepMessage(nested.code, nested.params, language));
}

/** The app's one template filler (it lives with the expression catalog, which renders its own pt-BR). */
export { fillTemplate };

/** What a step error is built with: its pt-BR `message` and the code and params to tell it in another language. */
export function stepMessage(code: StepMessageCode, params?: Record<string, StepMessageParam>): { message: string; messageCode: StepMessageCode; messageParams?: Record<string, StepMessageParam> } {
  return { message: renderStepMessage(code, params, "pt-BR")!, messageCode: code, ...(params ? { messageParams: params } : {}) };
}

/** A nested message, as a param of another. */
export function ref(code: StepMessageCode, params?: Record<string, StepMessageParam>): StepMessageRef {
  return params ? { code, params } : { code };
}

/** A coded error's message as a param of another (a frame around it); its pt-BR text when it has no code. */
export function asRef(error: { message: string; messageCode?: string; messageParams?: Record<string, StepMessageParam> }): StepMessageParam {
  if (!error.messageCode) return error.message;
  return error.messageParams ? { code: error.messageCode, params: error.messageParams } : { code: error.messageCode };
}
