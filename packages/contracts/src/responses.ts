import { z } from "zod";
import type {
  Connection,
  ConnectionTestResult,
  Execution,
  ExecutionSummary,
  FieldProblem,
  Flow,
  FlowListItem,
  FlowVersion,
  FlowVersionSummary,
  Page,
  Problem,
  StepRun,
  StepTestResult,
} from "./api.js";
import { RerunFromSchema, TriggerSourceSchema } from "./api.js";
import { FlowScheduleBriefSchema } from "./schedule.js";
import type { ApiKeyCreated, ApiKeyInfo, InviteCreated, InviteInfo, InvitePreview, Member, SessionInfo, SessionUser, WorkspaceMembership } from "./auth.js";
import { ROLES } from "./auth.js";
import type { ConnectorMeta, FieldMeta, FieldOption, OperationMeta } from "./catalog.js";
import type { EventType, ExecutionEvent, HttpExchangeSummary, StepAttempt, StepErrorInfo, StepResult, StepResultCache } from "./execution.js";
import { ExecutionStatusSchema, StepErrorKindSchema, StepStatusSchema, TriggerInputSchema } from "./execution.js";
import { FlowDefinitionSchema } from "./flow.js";
import { StepMessageParamSchema } from "./step-messages.js";

/**
 * What the API answers, as zod schemas: the server's OpenAPI document (GET /api/openapi.json)
 * is generated from them. The interfaces next to each shape stay the types code uses; the
 * `Same<…>` checks at the bottom fail to compile when a schema and its interface part ways,
 * so the document can't describe a field the server doesn't send (or miss one it does).
 */

const DateTime = z.string().meta({ format: "date-time" });
const RoleSchema = z.enum(ROLES);

// ── Accounts, workspaces, API keys ─────────────────────────────────────────

export const SessionUserSchema = z.object({ id: z.string(), email: z.string(), name: z.string() });
export const WorkspaceMembershipSchema = z.object({ id: z.string(), name: z.string(), role: RoleSchema });

export const SessionInfoSchema = z.object({
  setupRequired: z.boolean().describe("No owner exists yet: POST /api/auth/setup creates the first one."),
  user: SessionUserSchema.nullable(),
  workspace: z.object({ id: z.string(), name: z.string() }).nullable().describe("The session's current workspace: every call is scoped by it."),
  role: RoleSchema.nullable(),
  workspaces: z.array(WorkspaceMembershipSchema).describe("Every workspace the person belongs to; empty when signed out."),
});

export const MemberSchema = z.object({ userId: z.string(), email: z.string(), name: z.string(), role: RoleSchema, createdAt: DateTime });

export const InviteInfoSchema = z.object({ id: z.string(), email: z.string(), role: RoleSchema, createdAt: DateTime, expiresAt: DateTime, acceptedAt: DateTime.nullable() });
export const InviteCreatedSchema = InviteInfoSchema.extend({ token: z.string().describe("Shown only in this answer: the invite link carries the only copy.") });
export const InvitePreviewSchema = z.object({
  email: z.string(),
  role: RoleSchema,
  workspace: z.string(),
  accountExists: z.boolean().describe("The e-mail already has an account: sign in and POST /api/auth/invite/join instead."),
});

export const ApiKeyInfoSchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string().describe("The key's first characters, to tell keys apart."),
  createdAt: DateTime,
  lastUsedAt: DateTime.nullable(),
  revokedAt: DateTime.nullable(),
});
export const ApiKeyCreatedSchema = ApiKeyInfoSchema.extend({ key: z.string().describe("Shown only in this answer: only its hash is stored.") });

// ── Health ─────────────────────────────────────────────────────────────────

export const HealthSchema = z.object({
  status: z.literal("ok"),
  database: z.enum(["embedded", "postgres"]),
  mode: z.enum(["single", "queue"]),
  sandboxUrl: z.string().nullable().describe("The local BTG-ID sandbox this process started, when on."),
});
export type Health = z.infer<typeof HealthSchema>;

// ── Connector catalog ──────────────────────────────────────────────────────

export const FieldOptionSchema = z.object({ value: z.string(), label: z.string() });

const TemplateFormatSchema = z.enum(["url", "url-path", "json"]);

export const FieldMetaSchema = z.object({
  key: z.string(),
  label: z.string(),
  type: z.enum(["text", "textarea", "password", "url", "select", "number", "boolean", "string-list", "object-list", "group"]),
  required: z.boolean(),
  help: z.string().optional(),
  placeholder: z.string().optional(),
  secret: z.boolean().optional().describe("A credential: write-only on a connection, redacted from run records on a step."),
  expression: z.boolean().optional().describe("Accepts {{ … }} expressions."),
  perResponse: z.boolean().optional().describe("An expression the operation evaluates once per answer, with .response in scope."),
  default: z.unknown().optional(),
  options: z.array(FieldOptionSchema).optional(),
  suggestions: z.array(FieldOptionSchema).optional(),
  get itemFields(): z.ZodOptional<z.ZodArray<typeof FieldMetaSchema>> {
    return z.array(FieldMetaSchema).optional();
  },
  minItems: z.number().optional(),
  maxItems: z.number().optional(),
  visibleWhen: z.object({ field: z.string(), equals: z.array(z.string()) }).optional(),
  advanced: z.boolean().optional(),
  pathWarning: z.string().optional().describe("For a url field: shown while its value has a path, when the field wants an address only."),
  templateFormat: z
    .union([TemplateFormatSchema, z.object({ format: TemplateFormatSchema, when: z.object({ field: z.string(), equals: z.array(z.string()) }) })])
    .optional()
    .describe("With expression: what the field's text is (a URL, a path after a base URL, JSON), so each {{ … }} value is encoded for where it lands; with when, only while a sibling field has one of these values."),
});

export const PortMetaSchema = z.object({ key: z.string(), label: z.string(), repeats: z.boolean().optional().describe("The port's branch runs once per item.") });

export const OperationMetaSchema = z.object({
  key: z.string(),
  name: z.string(),
  description: z.string(),
  fields: z.array(FieldMetaSchema),
  ports: z.array(PortMetaSchema).optional().describe("The step's exits (e.g. true/false): each edge leaving it names one as its port. Absent: one exit, edges have no port."),
});

export const ConnectorMetaSchema = z.object({
  key: z.string(),
  name: z.string(),
  description: z.string(),
  icon: z.string().describe("An SVG image (markup)."),
  connectionFields: z.array(FieldMetaSchema),
  connectionOptional: z.boolean().optional().describe("A step of this connector may have connectionId null."),
  builtIn: z.boolean().optional().describe("A flow-control step (Condição, Loop, Transformar, Espera): no connection ever (connectionId null)."),
  operations: z.array(OperationMetaSchema),
});

// ── Steps and executions ───────────────────────────────────────────────────

export const StepErrorInfoSchema = z.object({
  kind: StepErrorKindSchema,
  message: z.string().describe("In Portuguese (pt-BR); messageCode and messageParams tell it in another language."),
  messageCode: z.string().optional().describe("A stable code for the message's text (e.g. btg_id.token_refused), absent on errors stored before codes existed; render it with its params in the reader's language, or show message."),
  messageParams: z.record(z.string(), StepMessageParamSchema).optional().describe("The values the text of messageCode is filled with: a string or number as is, or a nested { code, params } rendered in the same language."),
  status: z.number().optional().describe("The remote service's HTTP status."),
  code: z.string().optional().describe("The remote service's error code, e.g. invalid_client."),
  description: z.string().optional(),
  fields: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  retryable: z.boolean().optional().describe("false: the engine did not try again (a non-idempotent request that reached the service)."),
});

export const StepResultCacheSchema = z.object({ hit: z.boolean(), storedAt: DateTime, reusableUntil: DateTime, expiresAt: DateTime });

export const StepResultSchema = z.object({
  code: z.number(),
  headers: z.record(z.string(), z.string()),
  body: z.unknown(),
  cache: StepResultCacheSchema.optional(),
});

export const HttpExchangeSummarySchema = z.object({
  method: z.string(),
  url: z.string(),
  requestHeaders: z.record(z.string(), z.string()),
  status: z.number().nullable(),
  responseHeaders: z.record(z.string(), z.string()),
  durationMs: z.number(),
  label: z.string().optional().describe("What the exchange was for when a step makes several (Token, API, Página 2)."),
  responseBytes: z.number().optional(),
});

export const StepAttemptSchema = z.object({
  attempt: z.number(),
  startedAt: DateTime,
  finishedAt: DateTime,
  durationMs: z.number(),
  error: StepErrorInfoSchema.nullable(),
  http: HttpExchangeSummarySchema.nullable(),
  exchanges: z.array(HttpExchangeSummarySchema).optional().describe("Every HTTP exchange of the attempt, when more than one."),
  retryInMs: z.number().optional(),
});

export const StepRunSchema = z.object({
  stepId: z.string(),
  iteration: z.number().optional().describe("A step in a Loop's branch: which pass (1, 2…; absent for the first). Passes are listed in order after the first."),
  loopPath: z.array(z.number()).optional().describe("A step in a Loop's branch: per Loop around it, outermost first, the index (0-based) of the item this pass ran for."),
  connector: z.string(),
  operation: z.string(),
  status: StepStatusSchema,
  attempt: z.number(),
  startedAt: DateTime.nullable(),
  finishedAt: DateTime.nullable(),
  durationMs: z.number().nullable(),
  input: z.record(z.string(), z.unknown()).nullable().describe("Parameters after expressions were resolved, secrets redacted."),
  output: StepResultSchema.nullable(),
  error: StepErrorInfoSchema.nullable(),
  http: HttpExchangeSummarySchema.nullable(),
  attempts: z.array(StepAttemptSchema).optional(),
  reused: z.literal(true).optional().describe("Copied from the execution this one re-ran from its failed step: not run again."),
});

export const ExecutionSummarySchema = z.object({
  id: z.string(),
  flowId: z.string(),
  flowVersion: z.number().describe("The published version's number, or the draft's save counter when draft (internal: show draftSavedAt)."),
  draft: z.boolean(),
  draftSavedAt: DateTime.nullable().describe("A draft run: when the draft it ran was saved; null for a published version."),
  triggerSource: TriggerSourceSchema,
  status: ExecutionStatusSchema,
  startedAt: DateTime.nullable(),
  finishedAt: DateTime.nullable(),
  durationMs: z.number().nullable(),
  createdAt: DateTime,
});

export const ExecutionSchema = ExecutionSummarySchema.extend({
  definition: FlowDefinitionSchema.describe("The definition as it ran."),
  input: TriggerInputSchema,
  error: StepErrorInfoSchema.nullable(),
  steps: z.array(StepRunSchema),
  rerunOf: z.object({ id: z.string(), from: RerunFromSchema }).nullable().describe("A re-run: the execution it came from (POST /api/executions/{id}/rerun) and from where."),
  reruns: z
    .array(z.object({ id: z.string(), from: RerunFromSchema, status: ExecutionStatusSchema, createdAt: DateTime }))
    .describe("This execution's re-runs, oldest first."),
  testedAgainst: z.string().nullable().describe('A step test (source "test"): the execution whose input and step outputs its expressions saw; null when the input was given.'),
});

/** 200 of POST /api/flows/{id}/steps/{stepId}/test. */
export const StepTestResultSchema = z.object({
  executionId: z.string().describe('The test execution, kept in the history with source "test".'),
  testedAgainst: z.string().nullable().describe("The execution whose input and step outputs the expressions saw; null when the input was given."),
  step: StepRunSchema,
});

export const ExecutionPageSchema = z.object({ items: z.array(ExecutionSummarySchema), total: z.number(), limit: z.number(), offset: z.number() });

/** 202 of every trigger: the execution runs on; follow it with GET /api/executions/{id}/events. */
export const ExecutionAcceptedSchema = z.object({ executionId: z.string() });
export type ExecutionAccepted = z.infer<typeof ExecutionAcceptedSchema>;

/** 200 of POST /api/flows/{id}/executions/sync: how the execution ended (each step's result: GET /api/executions/{id}). */
export const ExecutionEndedSchema = z.object({
  executionId: z.string(),
  status: ExecutionStatusSchema.exclude(["queued", "running"]),
  durationMs: z.number().nullable().describe("From the first step's start to the end; null for an execution the server's restart interrupted."),
  error: StepErrorInfoSchema.nullable().describe("Why it failed: the failed step's error, its message naming the step."),
});
export type ExecutionEnded = z.infer<typeof ExecutionEndedSchema>;

/** GET /api/executions/{id}/steps/{stepId}/token: the one answer with a whole access token. */
export const RevealedTokenSchema = z.object({ access_token: z.string() });
export type RevealedToken = z.infer<typeof RevealedTokenSchema>;

export const EventTypeSchema = z.enum(["execution.started", "step.started", "step.succeeded", "step.failed", "step.retrying", "step.skipped", "step.progress", "execution.finished"]);

export const ExecutionEventSchema = z.object({
  seq: z.number().describe("Also the SSE message's id."),
  type: EventTypeSchema,
  executionId: z.string(),
  at: DateTime,
  stepId: z.string().optional(),
  status: z.union([ExecutionStatusSchema, StepStatusSchema]).optional(),
  durationMs: z.number().optional(),
  attempt: z.number().optional(),
  error: StepErrorInfoSchema.nullable().optional(),
  retryInMs: z.number().optional(),
  cacheHit: z.boolean().optional(),
  reused: z.boolean().optional().describe("step.succeeded of a step copied from the re-run execution (not run again)."),
  iteration: z.number().optional().describe("A step event of a Loop's branch: which pass of the step (0-based; absent for the first)."),
  loopPath: z.array(z.number()).optional().describe("A step event of a Loop's branch: per Loop around the step, outermost first, the index (0-based) of the current item; nested loops' pass [1, 2] is shown as \"2.3\"."),
  progress: z
    .object({ done: z.number(), total: z.number() })
    .optional()
    .describe("A Loop's step.succeeded (done 0) and step.progress events: how many passes of its branch are done, of how many items."),
});

// ── Connections and flows ──────────────────────────────────────────────────

export const ConnectionTestResultSchema = z.object({
  ok: z.boolean(),
  testedAt: DateTime,
  durationMs: z.number(),
  message: z.string().describe("In Portuguese (pt-BR); a success's messageCode and messageParams tell it in another language (a failure's are in error)."),
  messageCode: z.string().optional().describe("A stable code for a success's message (e.g. btg_id.test_ok); render it with its params in the reader's language, or show message."),
  messageParams: z.record(z.string(), StepMessageParamSchema).optional(),
  error: StepErrorInfoSchema.optional(),
});

/** An Authorization Code connection's consent ("Conectar com o BTG"); the tokens themselves never leave the server. */
export const ConnectionAuthorizationSchema = z.object({
  status: z.enum(["not_connected", "connected", "reconnect_required"]).describe("reconnect_required: the server refused the refresh token (invalid_grant); connect again."),
  subject: z.string().nullable().describe("Who consented (the token's e-mail or sub claim)."),
  scope: z.string().describe("Scopes granted, space-separated."),
  connectedAt: DateTime.nullable(),
  refreshedAt: DateTime.nullable().describe("The last refresh of the access token."),
  accessExpiresAt: DateTime.nullable(),
  refreshExpiresAt: DateTime.nullable().describe("When the refresh token lapses unless used (Manter conectado renews it before)."),
  problem: z.string().nullable().describe("Why the connection needs reconnecting (pt-BR)."),
  problemCode: z.string().nullable().describe("The same reason as a stable code (e.g. btg_id.refresh_refused): render it with problemParams in the reader's language, or show problem."),
  problemParams: z.record(z.string(), StepMessageParamSchema).nullable(),
});

export const ConnectionSchema = z.object({
  id: z.string(),
  connector: z.string(),
  name: z.string(),
  description: z.string(),
  values: z.record(z.string(), z.unknown()).describe("Non-secret field values."),
  secrets: z.record(z.string(), z.object({ set: z.boolean() })).describe("Secret fields are write-only: only whether each is set."),
  lastTest: ConnectionTestResultSchema.nullable(),
  usedBy: z.array(z.object({ id: z.string(), name: z.string() })).describe("Flows whose definition uses this connection."),
  authorization: ConnectionAuthorizationSchema.nullable().describe("Only for connections authenticated by the account holder's consent (BTG-ID Authorization Code); null otherwise."),
  createdAt: DateTime,
  updatedAt: DateTime,
});

export const FieldProblemSchema = z.object({
  path: z.string().describe("Dotted path in the request, e.g. definition.steps.0.parameters.grantType."),
  message: z.string(),
  stepId: z.string().optional(),
  field: z.string().optional(),
});

/** One of a draft's problems: a field problem with the code and params its message is told with. */
export const DraftProblemSchema = FieldProblemSchema.extend({
  messageCode: z.string().optional().describe("A stable code for the message's text (e.g. definition.connection_gone); render it with its params in the reader's language, or show message."),
  messageParams: z.record(z.string(), StepMessageParamSchema).optional(),
});

const FlowFields = {
  id: z.string(),
  name: z.string(),
  description: z.string(),
  version: z.number().describe("The draft's save counter, for optimistic concurrency (send it back when saving); not a version people see."),
  slug: z.string().describe("The flow's name in its gateway URL."),
  savedAt: DateTime.describe("When the draft was last saved with a change."),
  savedBy: z.object({ id: z.string().nullable(), name: z.string() }).nullable().describe("Who saved it then; null when unknown."),
  publishedVersion: z.number().nullable().describe("The latest published version's number; null when never published."),
  hasUnpublishedChanges: z.boolean(),
  createdAt: DateTime,
  updatedAt: DateTime,
  lastExecution: ExecutionSummarySchema.nullable(),
  schedule: FlowScheduleBriefSchema.nullable().describe("The flow's Agendador, with its next run; null when it has none (GET …/schedule has the whole of it)."),
};

export const FlowSchema = z.object({
  ...FlowFields,
  definition: FlowDefinitionSchema,
  problems: z.array(DraftProblemSchema).describe("What stops the draft from running (empty when it can run); run and publish answer 422 with these."),
});
export const FlowListItemSchema = z.object({ ...FlowFields, stepCount: z.number() });

export const FlowVersionSummarySchema = z.object({
  number: z.number(),
  note: z.string(),
  draftVersion: z.number().describe("The draft save counter it was published from."),
  publishedAt: DateTime,
  publishedBy: z.object({ id: z.string().nullable(), name: z.string() }),
});
export const FlowVersionSchema = FlowVersionSummarySchema.extend({ flowId: z.string(), definition: FlowDefinitionSchema });

// ── Errors ─────────────────────────────────────────────────────────────────


/** RFC 9457 problem details (application/problem+json); routes may add members. */
export const ProblemSchema = z.looseObject({
  type: z.string(),
  title: z.string(),
  status: z.number(),
  detail: z.string().describe("What was wrong and what to do (in Portuguese)."),
  errors: z.array(FieldProblemSchema).optional().describe("One entry per offending field."),
  errorCount: z.number().optional().describe("How many fields were wrong, when errors[] lists only the first ones."),
});

// Problems with members of their own, so a client reads them by name (GET /api/openapi.json names each route's).

/** 429 and 503: when to try again. */
export const RetryLaterProblemSchema = ProblemSchema.extend({ retryAfter: z.number().describe("Seconds to wait before trying again (the Retry-After header says the same).") });

/** 503 of GET /api/health: which dependency doesn't answer. */
export const HealthDownProblemSchema = RetryLaterProblemSchema.extend({
  dependencies: z.record(z.string(), z.enum(["up", "down"])).describe("database, and in queue mode redis: up or down."),
});

/** 409 of deleting a connection that flows use. */
export const ConnectionInUseProblemSchema = ProblemSchema.extend({ usedBy: z.array(z.object({ id: z.string(), name: z.string() })).describe("The flows whose definition uses the connection.") });

/** 409 of saving a draft: stale (`currentVersion`), or its slug is taken (errors[] names slug). */
export const DraftConflictProblemSchema = ProblemSchema.extend({ currentVersion: z.number().optional().describe("The draft's save counter now, when the one sent is stale: reload the flow.") });

/** 409 of publishing: the draft equals the latest published version (`publishedVersion`), or another publish won the race. */
export const PublishConflictProblemSchema = ProblemSchema.extend({ publishedVersion: z.number().optional().describe("The published version the draft equals.") });

/** 409 of testing a step whose expressions read steps that didn't succeed in the flow's last execution. */
export const MissingStepsProblemSchema = ProblemSchema.extend({ missingSteps: z.array(z.string()).optional().describe("The steps to run (Executar) before testing this one.") });

/** 504 of a run (or step test) that waits for its end: it goes on; read it with GET /api/executions/{executionId}. */
export const StillRunningProblemSchema = ProblemSchema.extend({ executionId: z.string() });

// ── Each schema against its interface ──────────────────────────────────────

type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;
type Check<T extends true> = T;
/** An intersection (e.g. `Omit<…> & {…}`) as one object type, so `Same` compares members, not spelling. */
type Flat<T> = { [K in keyof T]: T[K] };
/** Compile-time only: each entry fails to compile when the schema's output and the interface differ. */
export type ResponseSchemaChecks = [
  Check<Same<z.infer<typeof SessionUserSchema>, SessionUser>>,
  Check<Same<z.infer<typeof WorkspaceMembershipSchema>, WorkspaceMembership>>,
  Check<Same<z.infer<typeof SessionInfoSchema>, SessionInfo>>,
  Check<Same<z.infer<typeof MemberSchema>, Member>>,
  Check<Same<z.infer<typeof InviteInfoSchema>, InviteInfo>>,
  Check<Same<z.infer<typeof InviteCreatedSchema>, InviteCreated>>,
  Check<Same<z.infer<typeof InvitePreviewSchema>, InvitePreview>>,
  Check<Same<z.infer<typeof ApiKeyInfoSchema>, ApiKeyInfo>>,
  Check<Same<z.infer<typeof ApiKeyCreatedSchema>, ApiKeyCreated>>,
  Check<Same<z.infer<typeof FieldOptionSchema>, FieldOption>>,
  Check<Same<z.infer<typeof FieldMetaSchema>, FieldMeta>>,
  Check<Same<z.infer<typeof OperationMetaSchema>, OperationMeta>>,
  Check<Same<z.infer<typeof ConnectorMetaSchema>, ConnectorMeta>>,
  Check<Same<z.infer<typeof StepErrorInfoSchema>, StepErrorInfo>>,
  Check<Same<z.infer<typeof StepResultCacheSchema>, StepResultCache>>,
  Check<Same<z.infer<typeof StepResultSchema>, StepResult>>,
  Check<Same<z.infer<typeof HttpExchangeSummarySchema>, HttpExchangeSummary>>,
  Check<Same<z.infer<typeof StepAttemptSchema>, StepAttempt>>,
  Check<Same<z.infer<typeof StepRunSchema>, StepRun>>,
  Check<Same<z.infer<typeof ExecutionSummarySchema>, ExecutionSummary>>,
  Check<Same<z.infer<typeof ExecutionSchema>, Execution>>,
  Check<Same<z.infer<typeof StepTestResultSchema>, StepTestResult>>,
  Check<Same<z.infer<typeof ExecutionPageSchema>, Page<ExecutionSummary>>>,
  Check<Same<z.infer<typeof EventTypeSchema>, EventType>>,
  Check<Same<z.infer<typeof ExecutionEventSchema>, ExecutionEvent>>,
  Check<Same<z.infer<typeof ConnectionTestResultSchema>, ConnectionTestResult>>,
  Check<Same<z.infer<typeof ConnectionSchema>, Connection>>,
  Check<Same<z.infer<typeof FlowSchema>, Flow>>,
  Check<Same<z.infer<typeof FlowListItemSchema>, Flat<FlowListItem>>>,
  Check<Same<z.infer<typeof FlowVersionSummarySchema>, FlowVersionSummary>>,
  Check<Same<z.infer<typeof FlowVersionSchema>, FlowVersion>>,
  Check<Same<z.infer<typeof FieldProblemSchema>, FieldProblem>>,
  Check<Same<z.infer<typeof ProblemSchema>, Problem>>,
];

/** POST /api/connections/{id}/oauth/authorize: where to send the person's browser. */
export const OAuthAuthorizeStartSchema = z.object({
  authorizationUrl: z.string().describe("The authorization server's /oauth2/authorize with state and PKCE; valid for 10 minutes, once."),
});

/** GET /api/oauth/config: what to register at the authorization server. */
export const OAuthConfigSchema = z.object({
  redirectUri: z.string().describe("FLUXO_PUBLIC_URL (or this server's origin) + /api/oauth/callback."),
});

export const OAuthDisconnectedSchema = z.object({
  revoked: z.boolean().describe("Whether the authorization server confirmed the revocation (RFC 7009); the tokens are forgotten either way."),
  message: z.string(),
});
