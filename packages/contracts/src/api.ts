import { z } from "zod";
import { atMostChars, REQUIRED } from "./messages.js";
import type { StepMessageParam } from "./step-messages.js";
import { FlowDefinitionSchema } from "./flow.js";
import type { FlowDefinition } from "./flow.js";
import { TriggerInputSchema } from "./execution.js";
import type { FlowScheduleBrief } from "./schedule.js";
import type {
  ExecutionStatus,
  HttpExchangeSummary,
  StepAttempt,
  StepErrorInfo,
  StepResult,
  StepStatus,
  TriggerInput,
} from "./execution.js";

const NameSchema = z.string().trim().min(1, REQUIRED).max(120, atMostChars(120));
const DescriptionSchema = z.string().trim().max(2000, atMostChars(2000));

// ── Connections ────────────────────────────────────────────────────────────

/** Field values are validated against the connector's own field schemas by the server. */
export const ConnectionCreateSchema = z.object({
  connector: z.string().min(1, REQUIRED),
  name: NameSchema,
  description: DescriptionSchema.default(""),
  values: z.record(z.string(), z.unknown()).default({}),
});
export type ConnectionCreate = z.input<typeof ConnectionCreateSchema>;

/** A secret omitted (or sent as null) keeps the stored one. */
export const ConnectionUpdateSchema = z.object({
  name: NameSchema.optional(),
  description: DescriptionSchema.optional(),
  values: z.record(z.string(), z.unknown()).default({}),
});
export type ConnectionUpdate = z.input<typeof ConnectionUpdateSchema>;

export interface ConnectionTestResult {
  ok: boolean;
  testedAt: string;
  durationMs: number;
  /** pt-BR; a success's code and params tell it in another language (a failure's are its error's). */
  message: string;
  messageCode?: string;
  messageParams?: Record<string, StepMessageParam>;
  /** The remote service's error, when it answered one (e.g. `invalid_client`). */
  error?: StepErrorInfo;
}

export interface ConnectionAuthorization {
  status: "not_connected" | "connected" | "reconnect_required";
  /** Who consented (the token's e-mail or sub claim). */
  subject: string | null;
  /** Scopes granted, space-separated. */
  scope: string;
  connectedAt: string | null;
  refreshedAt: string | null;
  accessExpiresAt: string | null;
  /** When the refresh token lapses unless used. */
  refreshExpiresAt: string | null;
  /** Why the connection needs reconnecting (pt-BR), and the same as a code and params to tell it in another language. */
  problem: string | null;
  problemCode: string | null;
  problemParams: Record<string, StepMessageParam> | null;
}

export interface Connection {
  id: string;
  connector: string;
  name: string;
  description: string;
  /** Non-secret field values. */
  values: Record<string, unknown>;
  /** Secret fields are write-only: only whether each is set. */
  secrets: Record<string, { set: boolean }>;
  lastTest: ConnectionTestResult | null;
  /** Flows whose definition uses this connection. */
  usedBy: { id: string; name: string }[];
  /** Only for connections authenticated by the account holder's consent (BTG-ID Authorization Code). */
  authorization: ConnectionAuthorization | null;
  createdAt: string;
  updatedAt: string;
}

// ── Flows ──────────────────────────────────────────────────────────────────

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** The flow's name in its gateway URL (/gateway/flows/<slug>). */
export const SlugSchema = z
  .string()
  .trim()
  .min(1, REQUIRED)
  .max(60, atMostChars(60))
  .regex(SLUG_PATTERN, "Use letras minúsculas, dígitos e hífens simples (ex.: obter-credenciais).");

export const FlowCreateSchema = z.object({
  name: NameSchema,
  description: DescriptionSchema.default(""),
  /** Omitted: made from the name (unique in the workspace). */
  slug: SlugSchema.optional(),
  definition: FlowDefinitionSchema.default({ trigger: { position: { x: 0, y: 120 } }, steps: [], edges: [] }),
});
export type FlowCreate = z.input<typeof FlowCreateSchema>;

export const FlowUpdateSchema = z.object({
  name: NameSchema.optional(),
  description: DescriptionSchema.optional(),
  slug: SlugSchema.optional(),
  definition: FlowDefinitionSchema.optional(),
  /** Optimistic concurrency: when given, the save fails with 409 if the flow moved on. */
  version: z.number().int().positive().optional(),
});
export type FlowUpdate = z.input<typeof FlowUpdateSchema>;

/** Who started an execution: a person in the editor, the gateway, the API with a key, the flow's schedule (Agendador), or "Testar passo" (one step alone). */
export const TriggerSourceSchema = z.enum(["editor", "gateway", "api", "schedule", "test"]);
export type TriggerSource = z.infer<typeof TriggerSourceSchema>;

export interface ExecutionSummary {
  id: string;
  flowId: string;
  /** The published version's number, or the draft's save counter when `draft` (internal: show `draftSavedAt`). */
  flowVersion: number;
  /** True when it ran the draft (editor and API runs); false for a published version (gateway). */
  draft: boolean;
  /** A draft run: when the draft it ran was saved ("rascunho de 06/12 17:36"); null for a published one. */
  draftSavedAt: string | null;
  triggerSource: TriggerSource;
  status: ExecutionStatus;
  startedAt: string | null;
  finishedAt: string | null;
  durationMs: number | null;
  createdAt: string;
}

export interface Flow {
  id: string;
  name: string;
  description: string;
  definition: FlowDefinition;
  /** The draft's save counter, for optimistic concurrency (send it back when saving); not a version people see. */
  version: number;
  slug: string;
  /** When the draft was last saved with a change. */
  savedAt: string;
  /** Who saved it then; null when unknown (saved before this was recorded). */
  savedBy: { id: string | null; name: string } | null;
  /** The latest published version's number; null when never published. */
  publishedVersion: number | null;
  /** The draft differs from the latest published version (or nothing was published yet). */
  hasUnpublishedChanges: boolean;
  createdAt: string;
  updatedAt: string;
  lastExecution: ExecutionSummary | null;
  /** The flow's Agendador, with its next run; null when it has none (GET …/schedule has the whole of it). */
  schedule: FlowScheduleBrief | null;
  /**
   * What stops the draft from running, per step and field (empty when it can run): a draft saves
   * unfinished. Each told in the request's language, with its code and params to tell it in another.
   */
  problems: CodedFieldProblem[];
}

/** Strict: a body with anything but `note` is a mistake worth a 422, not a silent publish. */
export const FlowPublishSchema = z.strictObject({
  note: z.string().trim().max(500, atMostChars(500)).default(""),
});
export type FlowPublish = z.input<typeof FlowPublishSchema>;

/** The `format` of a flow file; another version is refused by name. */
export const FLOW_FILE_FORMAT = "fluxo.flow/v1";

/**
 * A flow as a file: its definition with each step's `connectionId` replaced by a `ref` into
 * `connections`, which names each connection (never its values or secrets).
 */
export const FlowExportSchema = z.object({
  format: z.literal(FLOW_FILE_FORMAT, `Este arquivo não é um fluxo exportado pelo Fluxo (formato ${FLOW_FILE_FORMAT}).`),
  name: NameSchema,
  description: DescriptionSchema.default(""),
  slug: SlugSchema.optional(),
  definition: FlowDefinitionSchema,
  connections: z.array(z.object({ ref: z.string().min(1), name: z.string().min(1), connector: z.string().min(1) })).max(200).default([]),
});
export type FlowExport = z.infer<typeof FlowExportSchema>;

export const FlowImportSchema = z.object({
  file: FlowExportSchema,
  /** A connection of this workspace for a `ref` of the file; unmapped refs are matched by connector and name. */
  connections: z.record(z.string(), z.string()).default({}),
});
export type FlowImport = z.input<typeof FlowImportSchema>;

export interface FlowVersionSummary {
  number: number;
  note: string;
  /** The draft save counter it was published from. */
  draftVersion: number;
  publishedAt: string;
  publishedBy: { id: string | null; name: string };
}

/** A published version: immutable. */
export interface FlowVersion extends FlowVersionSummary {
  flowId: string;
  definition: FlowDefinition;
}

export type FlowListItem = Omit<Flow, "definition" | "problems"> & { stepCount: number };

// ── Executions ─────────────────────────────────────────────────────────────

export const ExecutionTriggerSchema = z.object({
  input: TriggerInputSchema.default({ body: null, headers: {}, query_params: {} }),
});
export type ExecutionTrigger = z.input<typeof ExecutionTriggerSchema>;

/** `start`: the whole flow again with the same input; `failed`: reuse what succeeded before the first failed step and go on from it. */
export const RerunFromSchema = z.enum(["start", "failed"]);
export type RerunFrom = z.infer<typeof RerunFromSchema>;

/** POST /api/executions/{id}/rerun */
export const ExecutionRerunSchema = z.strictObject({
  from: RerunFromSchema.describe("start: the whole flow again, same input; failed: go on from the first failed step, reusing the outputs of the steps that succeeded before it."),
});
export type ExecutionRerun = z.input<typeof ExecutionRerunSchema>;

/** One re-run of an execution, as the execution lists them. */
export interface RerunLink {
  id: string;
  from: RerunFrom;
  status: ExecutionStatus;
  createdAt: string;
}

/** POST /api/flows/{id}/steps/{stepId}/test: without `input`, the flow's last execution's input and step outputs. */
export const StepTestSchema = z.strictObject({
  input: TriggerInputSchema.optional().describe("The trigger input the step's expressions see; without it, the flow's last execution's input and its steps' outputs."),
});
export type StepTest = z.input<typeof StepTestSchema>;

/** 200 of a step test: the test execution (kept in the history with source "test") and the step's run. */
export interface StepTestResult {
  executionId: string;
  /** The execution whose data the expressions saw; null when the input was given. */
  testedAgainst: string | null;
  step: StepRun;
}

export interface StepRun {
  stepId: string;
  /** A step in a Loop's branch: which pass (1, 2…; absent for the first). */
  iteration?: number;
  /** A step in a Loop's branch: per Loop around it, outermost first, the index of the item this pass ran for. */
  loopPath?: number[];
  connector: string;
  operation: string;
  status: StepStatus;
  attempt: number;
  startedAt: string | null;
  finishedAt: string | null;
  durationMs: number | null;
  /** Parameters after expressions were resolved, secrets redacted. */
  input: Record<string, unknown> | null;
  output: StepResult | null;
  error: StepErrorInfo | null;
  http: HttpExchangeSummary | null;
  /**
   * Every try, in order; the last one is the step's outcome. The API always sends it
   * (empty before the step runs); optional so clients built before it keep compiling.
   */
  attempts?: StepAttempt[];
  /** Copied from the execution this one re-ran from its failed step: the step was not run again. */
  reused?: true;
}

export interface Execution extends ExecutionSummary {
  /** The definition as it ran (the flow may have changed since). */
  definition: FlowDefinition;
  input: TriggerInput;
  error: StepErrorInfo | null;
  steps: StepRun[];
  /** A re-run: the execution it came from, and from where it started. */
  rerunOf: { id: string; from: RerunFrom } | null;
  /** The re-runs of this execution, oldest first. */
  reruns: RerunLink[];
  /** A step test: the execution whose input and step outputs its expressions saw (null: the input given). */
  testedAgainst: string | null;
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export const PageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).default(0),
});

// ── Errors ─────────────────────────────────────────────────────────────────

/** RFC 9457 problem details, as every API error is answered. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  /** One entry per offending field. */
  errors?: FieldProblem[];
  /** How many fields were wrong, when `errors` lists only the first ones. */
  errorCount?: number;
  /** Extra, endpoint-specific facts (e.g. the flows that use a connection). */
  [extension: string]: unknown;
}

/** A field problem with the code and params it was written from, so a server can tell it in the request's language (sent as `message` only). */
export interface CodedFieldProblem extends FieldProblem {
  messageCode?: string;
  messageParams?: Record<string, StepMessageParam>;
}

export interface FieldProblem {
  /** Dotted path in the request body, e.g. `definition.steps.0.parameters.authorizationDetails.0.type`. */
  path: string;
  message: string;
  /** For flow definitions: the step the problem belongs to, and the field's path inside its parameters. */
  stepId?: string;
  field?: string;
}
