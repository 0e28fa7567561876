import { ExecutionAcceptedSchema, ExecutionRerunSchema, MissingStepsProblemSchema, StepTestResultSchema, StepTestSchema, StillRunningProblemSchema } from "@fluxo/contracts";
import { route, type ApiRoute } from "../routes/api-route.js";
import { QUEUE_DOWN } from "./execution-routes.js";

/** The debugging loop: re-run an execution, test one step. Permissions as for running a flow (API keys too). */
export const DEBUG_ROUTES: ApiRoute[] = [
  route({
    method: "post",
    path: "/executions/:id/rerun",
    access: "run-flows",
    tag: "executions",
    summary: "Run an execution again, from the start or from its failed step",
    description:
      "Same input. A draft run re-runs on the flow's current draft (fix the failed step, then continue); a gateway run on the version it ran. " +
      '`from: "failed"`: the steps that succeeded before the first failed one are not run again: their runs (outputs, tokens still sealed, a Condition\'s port, a Loop\'s items and passes) ' +
      "are copied, marked `reused: true`, and the run goes on from the failed step. A step changed since is run again, and everything after it. " +
      "The new execution's `rerunOf` names this one; this one lists it in `reruns`.",
    body: ExecutionRerunSchema,
    reply: { status: 202, description: "Started; follow it with GET /api/executions/{executionId}/events.", schema: ExecutionAcceptedSchema },
    problems: {
      409: '`from: "failed"` on an execution with no failed step (it succeeded); the execution is still running; or the flow changed while it was started.',
      422: "`from` is missing or not start/failed; or the draft can't run yet (per-step errors, as in the flow's `problems`).",
      503: QUEUE_DOWN,
    },
    handle: ({ deps, principal, workspaceId, param, body }) => deps.debugRuns.rerun(workspaceId, param("id"), body.from, principal.kind === "user" ? "editor" : "api"),
  }),
  route({
    method: "post",
    path: "/flows/:id/steps/:stepId/test",
    access: "run-flows",
    tag: "executions",
    summary: "Test one step of the draft alone",
    description:
      "Runs the step as the draft has it, by itself, and answers its run once it ends. Its expressions see the flow's last execution: its input (or `input`, when given) and the outputs of its steps. " +
      'It is kept in the history as an execution with source "test". A Condition answers which way it would go; a Loop resolves its items (in the step\'s input) and their count without running its branch ' +
      "(test a branch's steps one by one); Transformar builds its object; Espera waits.",
    body: StepTestSchema,
    bodyOptional: true,
    reply: { status: 200, description: "The step's run: status, output, error, attempts, duration; the test execution's id.", schema: StepTestResultSchema },
    problems: {
      404: "No flow with that id, or no step with that id in its draft.",
      409: { description: "The step's expressions read a step that didn't succeed in the flow's last execution (or the flow never ran): `missingSteps` names them. Run the flow first.", schema: MissingStepsProblemSchema },
      422: "The step's own fields can't run yet (errors[] per field).",
      503: QUEUE_DOWN,
      504: { description: "The step is still running after FLUXO_GATEWAY_SYNC_TIMEOUT_MS; problem+json with its executionId.", schema: StillRunningProblemSchema },
    },
    handle: ({ deps, workspaceId, param, body }) => deps.debugRuns.testStep(workspaceId, param("id"), param("stepId"), body.input),
  }),
];
