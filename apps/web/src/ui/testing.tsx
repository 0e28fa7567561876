/**
 * Test helpers for components that use the app's providers and the HTTP API.
 * Not exported from ./index.ts, so nothing here reaches the bundle.
 */
import type { ReactElement, ReactNode } from "react";
import type { SessionInfo } from "@fluxo/contracts";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { cleanup, render, type RenderResult } from "@testing-library/react";
import { createMemoryRouter, RouterProvider } from "react-router";
import { afterEach, vi } from "vitest";
import i18n from "../i18n/index.js";
import { ToastProvider } from "./Toast.js";

// Importing this module gives the test file a clean DOM and a real fetch after each test
// (vitest runs without globals, so Testing Library cannot register this itself).
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

export interface MockResponse {
  status?: number;
  body?: unknown;
  /** Simulates a network failure (server down). */
  networkError?: boolean;
}

export interface RecordedRequest {
  method: string;
  path: string;
  body: unknown;
}

export const OWNER_SESSION: SessionInfo = {
  setupRequired: false,
  user: { id: "u1", email: "owner@example.com", name: "Owner" },
  workspace: { id: "w1", name: "Workspace" },
  role: "owner",
  workspaces: [{ id: "w1", name: "Workspace", role: "owner" }],
};

type Handler = MockResponse | ((request: RecordedRequest) => MockResponse | Promise<MockResponse>);

/**
 * Replaces fetch with a router keyed by "METHOD /path?query". Unknown requests answer 404
 * problem+json so a missing mock shows up as a visible error. Returns the recorded requests.
 */
export function mockApi(overrides: Record<string, Handler>) {
  // Components ask who is signed in to offer only what the role allows; tests sign in as the owner unless they say otherwise.
  const routes: Record<string, Handler> = { "GET /api/auth/session": { body: OWNER_SESSION }, ...overrides };
  const requests: RecordedRequest[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(typeof input === "string" ? input : input instanceof URL ? input.href : input.url, "http://localhost");
    const method = (init?.method ?? "GET").toUpperCase();
    const path = url.pathname + url.search;
    const request: RecordedRequest = { method, path, body: typeof init?.body === "string" ? JSON.parse(init.body) : undefined };
    requests.push(request);
    const handler = routes[`${method} ${path}`] ?? routes[`${method} ${url.pathname}`];
    const answer: MockResponse = handler
      ? typeof handler === "function" ? await handler(request) : handler
      : { status: 404, body: { type: "about:blank", title: "Not Found", status: 404, detail: `no mock for ${method} ${path}` } };
    if (answer.networkError) throw new TypeError("Failed to fetch");
    const status = answer.status ?? 200;
    const isProblem = status >= 400;
    return new Response(status === 204 || answer.body === undefined ? null : JSON.stringify(answer.body), {
      status,
      headers: { "content-type": isProblem ? "application/problem+json" : "application/json" },
    });
  });
  vi.stubGlobal("fetch", fetchMock);
  return { requests, fetchMock };
}

export function createTestQueryClient(): QueryClient {
  return new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity }, mutations: { retry: false } } });
}

/**
 * Renders inside a fresh QueryClient, ToastProvider and a memory router (pt-BR).
 * `routes` adds other paths, e.g. to assert a navigation landed on `/fluxos/:id`.
 */
export function renderWithProviders(
  ui: ReactElement,
  { path = "/", initialEntry = path, routes = {} }: { path?: string; initialEntry?: string; routes?: Record<string, ReactNode> } = {},
): RenderResult & { queryClient: QueryClient; router: ReturnType<typeof createMemoryRouter> } {
  void i18n.changeLanguage("pt-BR");
  const queryClient = createTestQueryClient();
  const router = createMemoryRouter(
    [{ path, element: ui }, ...Object.entries(routes).map(([routePath, element]) => ({ path: routePath, element }))],
    { initialEntries: [initialEntry] },
  );
  const result = render(
    <QueryClientProvider client={queryClient}>
      <ToastProvider>
        <RouterProvider router={router} />
      </ToastProvider>
    </QueryClientProvider>,
  );
  return { ...result, queryClient, router };
}
