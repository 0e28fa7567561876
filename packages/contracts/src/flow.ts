import { z } from "zod";
import { atMostChars } from "./messages.js";

/** The trigger node ("Início") is implicit in every flow and always has this id. */
export const TRIGGER_ID = "trigger";

export const STEP_ID_PATTERN = /^[a-z][a-z0-9_]*$/;

export const StepIdSchema = z
  .string()
  .max(64, atMostChars(64))
  .regex(STEP_ID_PATTERN, "Comece com uma letra minúscula e use só a-z, 0-9 e _.")
  .refine((id) => id !== TRIGGER_ID, `"${TRIGGER_ID}" é reservado para o Início do fluxo.`);

export const STEP_NAME_MAX_LENGTH = 120;

export const PositionSchema = z.object({ x: z.number().finite(), y: z.number().finite() });

const RETRY_ATTEMPTS = "Use de 1 a 10 tentativas.";
const RETRY_WAIT = "Use de 0 a 300000 ms.";

/**
 * When a step's call fails for a reason that may pass (network, timeout, 429, 5xx), it is
 * tried again up to `maxAttempts` times in all, waiting `backoffMs` · 2^(n−1) with jitter
 * (or the server's Retry-After) between attempts, never more than `maxDelayMs` at once.
 */
export const RetryPolicySchema = z.object({
  maxAttempts: z.number().int(RETRY_ATTEMPTS).min(1, RETRY_ATTEMPTS).max(10, RETRY_ATTEMPTS).default(3),
  backoffMs: z.number().int(RETRY_WAIT).min(0, RETRY_WAIT).max(300_000, RETRY_WAIT).default(500),
  maxDelayMs: z.number().int(RETRY_WAIT).min(0, RETRY_WAIT).max(300_000, RETRY_WAIT).default(30_000),
});
export type RetryPolicy = z.infer<typeof RetryPolicySchema>;
export const DEFAULT_RETRY_POLICY: RetryPolicy = RetryPolicySchema.parse({});

export const StepOnErrorSchema = z.enum(["stop", "continue"]).describe("stop (default): a failure fails the execution; continue: later steps run and see .steps.<id>.code and .steps.<id>.error, and the execution ends diverged.");
export type StepOnError = z.infer<typeof StepOnErrorSchema>;

export const FlowStepSchema = z.object({
  id: StepIdSchema,
  /** What the step is called on the canvas ("Obter credenciais!"); absent in flows saved before names existed, which show the id. */
  name: z.string().trim().max(STEP_NAME_MAX_LENGTH, atMostChars(STEP_NAME_MAX_LENGTH)).optional(),
  connector: z.string().min(1),
  operation: z.string().min(1),
  connectionId: z.string().min(1).nullable(),
  description: z.string().max(2000).default(""),
  /** Raw parameter values as typed; expression-capable fields may hold `{{ … }}` text. */
  parameters: z
    .record(z.string(), z.unknown())
    .default({})
    .describe(
      "The operation's fields by key, as typed: GET /api/connectors lists each operation's fields (key, type, required, whether it accepts `{{ … }}` expressions). Checked against them when the flow is saved (422 per field).",
    ),
  position: PositionSchema.default({ x: 0, y: 0 }),
  /** Absent means DEFAULT_RETRY_POLICY (3 attempts). */
  retry: RetryPolicySchema.optional(),
  /**
   * What a failure of this step (after its retries) does: `stop` (absent) fails the execution;
   * `continue` lets the flow go on, and the execution ends `diverged`.
   */
  onError: StepOnErrorSchema.optional(),
});
export type FlowStep = z.infer<typeof FlowStepSchema>;

export const FlowEdgeSchema = z.object({
  source: z.string().min(1),
  target: z.string().min(1),
  /**
   * Which exit of the source the edge leaves by, when the source's operation has several
   * (Condição: `true`/`false`; Loop: `each`/`done`); absent for every other step.
   */
  port: z.string().min(1).max(64).optional().describe("The source's exit (GET /api/connectors lists each operation's ports): required when the source's operation has ports, absent otherwise."),
});
export type FlowEdge = z.infer<typeof FlowEdgeSchema>;

/**
 * Shape-level schema of a flow definition. Graph rules (unique ids, known connectors,
 * edges that form a DAG from the trigger, existing connections) are checked by the
 * engine's `validateFlowDefinition`, which reports every problem with its path.
 */
export const FlowDefinitionSchema = z.object({
  trigger: z.object({ position: PositionSchema }).default({ position: { x: 0, y: 120 } }),
  steps: z.array(FlowStepSchema).max(200),
  edges: z.array(FlowEdgeSchema).max(1000).default([]),
});
export type FlowDefinition = z.infer<typeof FlowDefinitionSchema>;
export type FlowDefinitionInput = z.input<typeof FlowDefinitionSchema>;
