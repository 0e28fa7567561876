import { Router } from "express";
import { type ConnectorMeta, ConnectionCreateSchema, ConnectionUpdateSchema, ExecutionTriggerSchema, FlowCreateSchema, FlowUpdateSchema, PageQuerySchema } from "@fluxo/contracts";
import { connectorCatalog } from "@fluxo/connectors";
import { z } from "zod";
import type { ConnectionService } from "../connections/connection-service.js";
import type { ExecutionEventBus } from "../executions/event-bus.js";
import type { ExecutionService } from "../executions/execution-service.js";
import { streamExecutionEvents } from "../executions/sse-stream.js";
import type { FlowService } from "../flows/flow-service.js";
import { notFound, parseOr422 } from "../http/problem.js";

export interface ApiDeps {
  connections: ConnectionService;
  flows: FlowService;
  executions: ExecutionService;
  bus: ExecutionEventBus;
  health: () => Promise<Record<string, unknown>>;
  /** The local BTG-ID sandbox this process started, offered as a URL suggestion; null when off. */
  sandboxUrl: string | null;
}

const LOCAL_SANDBOX_SUGGESTION = "http://127.0.0.1:3100";

/** Points the "Sandbox local" suggestion at where the sandbox really listens, or drops it when none runs. */
function withLocalSandbox(catalog: ConnectorMeta[], sandboxUrl: string | null): ConnectorMeta[] {
  return catalog.map((connector) => ({
    ...connector,
    connectionFields: connector.connectionFields.map((field) => {
      if (!field.suggestions) return field;
      const suggestions = field.suggestions.flatMap((s) => (s.value !== LOCAL_SANDBOX_SUGGESTION ? [s] : sandboxUrl ? [{ ...s, value: sandboxUrl }] : []));
      return { ...field, suggestions };
    }),
  }));
}

const ConnectionTestSchema = ConnectionCreateSchema.extend({ id: z.string().optional(), name: z.string().default("") });

export function apiRoutes(deps: ApiDeps): Router {
  const router = Router();
  const { connections, flows, executions } = deps;
  const catalog = withLocalSandbox(connectorCatalog(), deps.sandboxUrl);

  router.get("/health", async (_req, res) => {
    res.json(await deps.health());
  });
  router.get("/connectors", (_req, res) => {
    res.json(catalog);
  });

  router.get("/connections", async (req, res) => {
    res.json(await connections.list(typeof req.query.connector === "string" ? req.query.connector : undefined));
  });
  router.post("/connections", async (req, res) => {
    res.status(201).json(await connections.create(parseOr422(ConnectionCreateSchema, req.body)));
  });
  router.post("/connections/test", async (req, res) => {
    res.json(await connections.testUnsaved(parseOr422(ConnectionTestSchema, req.body)));
  });
  router.get("/connections/:id", async (req, res) => {
    res.json(await connections.get(req.params.id));
  });
  router.put("/connections/:id", async (req, res) => {
    res.json(await connections.update(req.params.id, parseOr422(ConnectionUpdateSchema, req.body)));
  });
  router.delete("/connections/:id", async (req, res) => {
    await connections.delete(req.params.id, req.query.force === "true");
    res.status(204).end();
  });
  router.post("/connections/:id/test", async (req, res) => {
    res.json(await connections.testSaved(req.params.id));
  });

  router.get("/flows", async (_req, res) => {
    res.json(await flows.list());
  });
  router.post("/flows", async (req, res) => {
    res.status(201).json(await flows.create(parseOr422(FlowCreateSchema, req.body)));
  });
  router.get("/flows/:id", async (req, res) => {
    res.json(await flows.get(req.params.id));
  });
  router.put("/flows/:id", async (req, res) => {
    res.json(await flows.update(req.params.id, parseOr422(FlowUpdateSchema, req.body)));
  });
  router.delete("/flows/:id", async (req, res) => {
    await flows.delete(req.params.id);
    res.status(204).end();
  });
  router.post("/flows/:id/duplicate", async (req, res) => {
    res.status(201).json(await flows.duplicate(req.params.id));
  });
  router.get("/flows/:id/executions", async (req, res) => {
    res.json(await flows.executions(req.params.id, parseOr422(PageQuerySchema, req.query, "a consulta")));
  });
  router.post("/flows/:id/executions", async (req, res) => {
    const { input } = parseOr422(ExecutionTriggerSchema, req.body ?? {});
    res.status(202).json(await executions.trigger(req.params.id, input));
  });

  router.get("/executions/:id", async (req, res) => {
    res.json(await executions.get(req.params.id));
  });
  router.get("/executions/:id/events", async (req, res) => {
    if (!(await executions.exists(req.params.id))) throw notFound("a execução", req.params.id);
    await streamExecutionEvents(req, res, req.params.id, { bus: deps.bus, executions });
  });

  return router;
}
