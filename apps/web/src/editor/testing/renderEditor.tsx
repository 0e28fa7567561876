import type { ConnectorMeta, Flow } from "@fluxo/contracts";
import { configure, screen, type RenderResult } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { mockApi, renderWithProviders, type RecordedRequest } from "../../ui/testing.js";
import EditorPage from "../EditorPage.js";
import { btgIdConnector, connection, flow } from "./fixtures.js";

// The first render of a file loads React Flow and the whole editor: on a busy machine that
// takes longer than Testing Library's default second for findBy/waitFor.
configure({ asyncUtilTimeout: 5000 });

export interface RenderEditorOptions {
  flow?: Flow;
  connectors?: ConnectorMeta[];
  connections?: ReturnType<typeof connection>[];
  put?: (r: RecordedRequest) => { status?: number; body?: unknown };
  initialEntry?: string;
  more?: Parameters<typeof mockApi>[0];
}

export interface RenderedEditor {
  requests: RecordedRequest[];
  user: ReturnType<typeof userEvent.setup>;
  view: RenderResult;
}

/**
 * The whole editor page (canvas, palette, panel, store) over a mocked API: flow1, the
 * BTG-ID catalog unless `connectors` says otherwise, one BTG-ID connection, and a PUT that
 * accepts the flow. Call `installReactFlowJsdomStubs` in the test file's beforeAll.
 */
export function renderEditor(options: RenderEditorOptions = {}): RenderedEditor {
  const current = options.flow ?? flow();
  const api = mockApi({
    ...options.more,
    "GET /api/flows/flow1": { body: current },
    "GET /api/connectors": { body: options.connectors ?? [btgIdConnector] },
    "GET /api/connections": { body: options.connections ?? [connection()] },
    "PUT /api/flows/flow1": options.put ?? ((r) => ({ body: { ...current, ...(r.body as object), version: current.version + 1 } })),
  });
  const user = userEvent.setup();
  const view = renderWithProviders(<EditorPage />, { path: "/fluxos/:flowId", initialEntry: options.initialEntry ?? "/fluxos/flow1" });
  return { requests: api.requests, user, view };
}

/** Clicks the palette item of `connectorName` and waits for the new step's panel, named after `stepId`. */
export async function addStepByClick(user: ReturnType<typeof userEvent.setup>, connectorName = "BTG-ID", stepId = "credentials") {
  await user.click(await screen.findByRole("button", { name: `Adicionar ${connectorName}` }));
  return screen.findByRole("complementary", { name: stepId });
}
