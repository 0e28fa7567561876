import type { APIRequestContext, Locator, Page } from "@playwright/test";
import { expect } from "@playwright/test";
import { DEMO_CLIENT, SANDBOX_URL } from "./env.js";

// The few API shapes the specs touch (e2e has no workspace dependencies; see packages/contracts for the full types).
interface Connection {
  id: string;
  name: string;
}
interface Flow {
  id: string;
  name: string;
}
interface FlowDefinition {
  trigger: { position: { x: number; y: number } };
  steps: { id: string; name?: string; connector: string; operation: string; connectionId: string | null; description: string; parameters: Record<string, unknown>; position: { x: number; y: number } }[];
  edges: { source: string; target: string }[];
}

/** A suffix that keeps names unique across specs and reruns against the same database. */
export function unique(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `e2e/artifacts/${name}.png` });
}

export async function createConnection(request: APIRequestContext, name: string, clientSecret = DEMO_CLIENT.clientSecret): Promise<Connection> {
  const response = await request.post("/api/connections", {
    data: { connector: "btg-id", name, description: "", values: { clientId: DEMO_CLIENT.clientId, clientSecret, environmentUrl: SANDBOX_URL } },
  });
  expect(response.status()).toBe(201);
  return (await response.json()) as Connection;
}

/** A flow whose one step asks BTG-ID for a token with one Authorization Details entry. */
export function tokenFlowDefinition(connectionId: string | null): FlowDefinition {
  return {
    trigger: { position: { x: 0, y: 120 } },
    steps: [
      {
        id: "credentials",
        connector: "btg-id",
        operation: "get-credentials",
        connectionId,
        description: "",
        parameters: {
          grantType: "client_credentials",
          authorizationDetails: [{ type: "account", resource: "conta-e2e", locations: ["https://api.btgpactual.com/accounts"], privileges: ["read"] }],
        },
        position: { x: 300, y: 120 },
      },
    ],
    edges: [{ source: "trigger", target: "credentials" }],
  };
}

export async function createFlow(request: APIRequestContext, name: string, definition?: FlowDefinition): Promise<Flow> {
  const response = await request.post("/api/flows", { data: { name, ...(definition ? { definition } : {}) } });
  expect(response.status()).toBe(201);
  return (await response.json()) as Flow;
}

export function stepNode(page: Page, stepId: string): Locator {
  return page.getByTestId(`step-node-${stepId}`);
}

export function stepPanel(page: Page, stepId: string): Locator {
  return page.getByRole("complementary", { name: stepId, exact: true });
}

/** Fails if any part of the page is wider than the viewport (panels must fit at 1280×720). */
export async function expectNoHorizontalOverflow(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

/** Fails if the editor page itself scrolls: it fills the viewport, and only its panels scroll. */
export async function expectEditorFitsViewport(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollHeight - document.documentElement.clientHeight);
  expect(overflow).toBeLessThanOrEqual(0);
}

/** Fails if the text is cut short ("…"): its whole width fits in its box. */
export async function expectWholeText(locator: Locator): Promise<void> {
  await expect.poll(() => locator.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
}
