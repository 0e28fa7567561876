import { describe, expect, it, vi } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import type { ExecutionSummary, Page } from "@fluxo/contracts";
import { mockApi, renderWithProviders } from "../ui/testing.js";
import { applyToHistoryPage } from "./api.js";
import { ExecutionHistoryPanel } from "./ExecutionHistoryPanel.js";

function summary(id: string, status: ExecutionSummary["status"], createdAt: string, overrides: Partial<ExecutionSummary> = {}): ExecutionSummary {
  return { id, flowId: "f1", flowVersion: 3, draft: true, draftSavedAt: "2026-12-06T17:36:00.000Z", triggerSource: "editor", status, startedAt: null, finishedAt: null, durationMs: null, createdAt, ...overrides };
}
const page = (items: ExecutionSummary[], total = items.length, offset = 0, limit = 20): Page<ExecutionSummary> => ({ items, total, limit, offset });

describe("applyToHistoryPage", () => {
  const older = summary("e1", "succeeded", "2026-11-28T09:00:00.000Z");

  it("puts a new execution first on the first page and counts it; a later status replaces it, never an earlier one", () => {
    const created = applyToHistoryPage(page([older]), summary("e2", "queued", "2026-11-28T10:00:00.000Z"));
    expect(created.items.map((e) => e.id)).toEqual(["e2", "e1"]);
    expect(created.total).toBe(2);
    const finished = applyToHistoryPage(created, summary("e2", "failed", "2026-11-28T10:00:00.000Z", { durationMs: 40 }));
    expect(finished.items[0]).toMatchObject({ status: "failed", durationMs: 40 });
    expect(finished.total).toBe(2);
    expect(applyToHistoryPage(finished, summary("e2", "running", "2026-11-28T10:00:00.000Z"))).toBe(finished);
  });

  it("keeps a full first page to its size, and leaves alone what belongs to other pages", () => {
    const full = page([summary("e3", "succeeded", "2026-11-28T10:00:00.000Z"), older], 5, 0, 2);
    expect(applyToHistoryPage(full, summary("e4", "queued", "2026-11-28T11:00:00.000Z")).items.map((e) => e.id)).toEqual(["e4", "e3"]);
    expect(applyToHistoryPage(full, summary("e0", "succeeded", "2026-11-28T08:00:00.000Z"))).toBe(full);
    const second = page([older], 5, 20);
    expect(applyToHistoryPage(second, summary("e4", "queued", "2026-11-28T11:00:00.000Z"))).toBe(second);
  });
});

/** A stand-in for GET /api/flows/:id/executions/stream: the test pushes messages, or drops the connection. */
function fakeStream() {
  const encoder = new TextEncoder();
  let controller: ReadableStreamDefaultController<Uint8Array> | null = null;
  let connections = 0;
  return {
    get connections() {
      return connections;
    },
    response() {
      connections++;
      const body = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) });
      return new Response(body, { status: 200, headers: { "content-type": "text/event-stream" } });
    },
    push(data: ExecutionSummary) {
      controller!.enqueue(encoder.encode(`event: execution\ndata: ${JSON.stringify(data)}\n\n`));
    },
    drop() {
      controller!.error(new TypeError("network error"));
    },
  };
}

describe("ExecutionHistoryPanel", () => {
  it("shows an execution started elsewhere at the top as it happens, then its status changing, without reloading", async () => {
    const listed = summary("e1", "succeeded", "2026-11-28T09:00:00.000Z", { startedAt: "2026-11-28T09:00:00.000Z", finishedAt: "2026-11-28T09:00:01.000Z", durationMs: 1000 });
    let listings = 0;
    const { fetchMock } = mockApi({
      "GET /api/flows/f1/executions": () => {
        listings++;
        return { body: page([listed]) };
      },
    });
    const stream = fakeStream();
    vi.stubGlobal("fetch", (input: RequestInfo | URL, init?: RequestInit) => (String(input).endsWith("/executions/stream") ? Promise.resolve(stream.response()) : fetchMock(input, init)));
    renderWithProviders(<ExecutionHistoryPanel flowId="f1" currentExecutionId={null} onOpen={() => {}} onClose={() => {}} />);

    const list = await screen.findByRole("list", { name: "Execuções" });
    expect(within(list).getAllByRole("listitem")).toHaveLength(1);
    expect(await screen.findByText("Ao vivo: novas execuções aparecem aqui")).toBeTruthy();

    const gateway = summary("e2", "queued", "2026-11-28T10:00:00.000Z", { draft: false, draftSavedAt: null, flowVersion: 1, triggerSource: "gateway" });
    stream.push(gateway);
    await waitFor(() => expect(within(list).getAllByRole("listitem")).toHaveLength(2));
    const first = () => within(list).getAllByRole("listitem")[0]!;
    expect(first().textContent).toContain("Na fila");
    expect(within(first()).getByTestId("trigger-source").textContent).toBe("gateway");
    expect(first().textContent).toContain("v1");

    stream.push({ ...gateway, status: "running", startedAt: "2026-11-28T10:00:00.100Z" });
    await waitFor(() => expect(first().textContent).toContain("Executando"));
    stream.push({ ...gateway, status: "succeeded", startedAt: "2026-11-28T10:00:00.100Z", finishedAt: "2026-11-28T10:00:00.400Z", durationMs: 300 });
    await waitFor(() => expect(first().textContent).toContain("Sucesso"));
    expect(first().textContent).toContain("300 ms");
    expect(within(list).getAllByRole("listitem")[1]!.textContent).toContain("Sucesso");
    // The list was read when the panel opened (and once more when the stream opened), not since.
    expect(listings).toBeLessThanOrEqual(2);
  });

  it("reconnects after a drop and reads the list again for what it missed", async () => {
    let items = [summary("e1", "succeeded", "2026-11-28T09:00:00.000Z")];
    const { fetchMock } = mockApi({ "GET /api/flows/f1/executions": () => ({ body: page(items) }) });
    const stream = fakeStream();
    vi.stubGlobal("fetch", (input: RequestInfo | URL, init?: RequestInit) => (String(input).endsWith("/executions/stream") ? Promise.resolve(stream.response()) : fetchMock(input, init)));
    renderWithProviders(<ExecutionHistoryPanel flowId="f1" currentExecutionId={null} onOpen={() => {}} onClose={() => {}} />);
    const list = await screen.findByRole("list", { name: "Execuções" });
    await waitFor(() => expect(stream.connections).toBe(1));

    // Something ran while the connection was down; the reconnection brings it.
    items = [summary("e9", "failed", "2026-11-28T11:00:00.000Z"), ...items];
    stream.drop();
    await waitFor(() => expect(stream.connections).toBe(2), { timeout: 3000 });
    await waitFor(() => expect(within(list).getAllByRole("listitem")).toHaveLength(2));
    expect(within(list).getAllByRole("listitem")[0]!.textContent).toContain("Falhou");
  });

  it("offers both re-runs on a failed or interrupted run, only Executar de novo on a succeeded one, none on a running run or a step test", async () => {
    const items = [
      summary("e5", "interrupted", "2026-11-28T13:00:00.000Z"),
      summary("e4", "running", "2026-11-28T12:00:00.000Z"),
      summary("e3", "succeeded", "2026-11-28T11:00:00.000Z", { triggerSource: "test" }),
      summary("e2", "failed", "2026-11-28T10:00:00.000Z"),
      summary("e1", "succeeded", "2026-11-28T09:00:00.000Z"),
    ];
    const { fetchMock } = mockApi({ "GET /api/flows/f1/executions": () => ({ body: page(items) }) });
    const stream = fakeStream();
    vi.stubGlobal("fetch", (input: RequestInfo | URL, init?: RequestInit) => (String(input).endsWith("/executions/stream") ? Promise.resolve(stream.response()) : fetchMock(input, init)));
    const onRerun = vi.fn();
    renderWithProviders(<ExecutionHistoryPanel flowId="f1" currentExecutionId={null} onOpen={() => {}} onClose={() => {}} rerun={{ pending: null, onRerun }} />);
    const list = await screen.findByRole("list", { name: "Execuções" });
    const buttonsOf = (index: number) => within(within(list).getAllByRole("listitem")[index]!).queryAllByRole("button").map((b) => b.textContent);

    // A server that stopped mid-run marked the step it was on as failed: the run continues from it.
    expect(buttonsOf(0).slice(1)).toEqual(["Continuar do passo com falha", "Executar de novo"]);
    expect(buttonsOf(1)).toHaveLength(1); // the run itself, to open it
    expect(buttonsOf(2)).toHaveLength(1);
    expect(buttonsOf(3).slice(1)).toEqual(["Continuar do passo com falha", "Executar de novo"]);
    expect(buttonsOf(4).slice(1)).toEqual(["Executar de novo"]);
    within(screen.getByRole("group", { name: "Ações da execução e2" })).getByRole("button", { name: "Continuar do passo com falha" }).click();
    expect(onRerun).toHaveBeenCalledWith("e2", "failed");
  });

  it("says how long the workspace keeps executions, once the server tells", async () => {
    const { fetchMock } = mockApi({
      "GET /api/flows/f1/executions": () => ({ body: page([]) }),
      "GET /api/workspace/retention": { body: { days: 7, maxExecutions: 10_000 } },
    });
    const stream = fakeStream();
    vi.stubGlobal("fetch", (input: RequestInfo | URL, init?: RequestInit) => (String(input).endsWith("/executions/stream") ? Promise.resolve(stream.response()) : fetchMock(input, init)));
    renderWithProviders(<ExecutionHistoryPanel flowId="f1" currentExecutionId={null} onOpen={() => {}} onClose={() => {}} />);
    expect((await screen.findByTestId("history-retention")).textContent).toBe("Execuções são mantidas por 7 dias");
    expect(screen.getByText("Nenhuma execução ainda")).toBeTruthy();
  });
});
