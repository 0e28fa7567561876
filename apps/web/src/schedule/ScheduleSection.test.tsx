import { fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { FlowSchedule } from "@fluxo/contracts";
import { mockApi, OWNER_SESSION, renderWithProviders } from "../ui/testing.js";
import { ScheduleSection } from "./ScheduleSection.js";

const saved: FlowSchedule = {
  flowId: "f1",
  cron: "0 9 * * 1-5",
  timezone: "America/Sao_Paulo",
  enabled: true,
  input: { body: { conta: "1" }, headers: {}, query_params: {} },
  nextRuns: [],
  updatedAt: "2026-12-07T01:00:00.000Z",
  updatedBy: { id: "u1", name: "Ana" },
};

describe("ScheduleSection", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("keeps the edits and shows the server's field error when a save is refused", async () => {
    const { requests } = mockApi({
      "GET /api/flows/f1/schedule": { body: saved },
      "PUT /api/flows/f1/schedule": {
        status: 422,
        body: { type: "about:blank", title: "Unprocessable Content", status: 422, detail: "o corpo da requisição tem campos inválidos", errors: [{ path: "timezone", message: "fuso recusado pelo servidor" }] },
      },
    });
    renderWithProviders(<ScheduleSection flowId="f1" published scheduled />);
    const cron = await screen.findByLabelText(/Expressão cron/);
    expect((cron as HTMLInputElement).value).toBe("0 9 * * 1-5");
    fireEvent.change(cron, { target: { value: "*/15 * * * *" } });
    expect(screen.getByTestId("schedule-explanation").textContent).toBe("A cada 15 minutos");
    fireEvent.click(screen.getByRole("button", { name: "Salvar agendamento" }));

    expect(await screen.findByText("fuso recusado pelo servidor")).toBeTruthy();
    expect((screen.getByLabelText(/Expressão cron/) as HTMLInputElement).value).toBe("*/15 * * * *");
    expect(requests.find((r) => r.method === "PUT")?.body).toEqual({ cron: "*/15 * * * *", timezone: "America/Sao_Paulo", enabled: true, input: saved.input });
    // Editing the field the server named clears its message.
    fireEvent.change(screen.getByLabelText(/Fuso horário/), { target: { value: "America/Manaus" } });
    await waitFor(() => expect(screen.queryByText("fuso recusado pelo servidor")).toBeNull());
  });

  it("names a wrong cron field while typing and won't send it", async () => {
    const { requests } = mockApi({});
    renderWithProviders(<ScheduleSection flowId="f1" published scheduled={false} />);
    const cron = await screen.findByLabelText(/Expressão cron/);
    fireEvent.change(cron, { target: { value: "0 0 * 13 *" } });
    expect(screen.getByText(/O campo mês \("13"\) não é válido/)).toBeTruthy();
    expect((screen.getByRole("button", { name: "Agendar" }) as HTMLButtonElement).disabled).toBe(true);
    expect(requests.some((r) => r.method === "PUT")).toBe(false);
    // The flow's answer said it has none: nothing is asked (no 404 in the browser's console).
    expect(requests.filter((r) => r.path.endsWith("/schedule"))).toEqual([]);
  });

  it("reads a schedule removed elsewhere (404) as none", async () => {
    mockApi({ "GET /api/flows/f1/schedule": { status: 404, body: { type: "about:blank", title: "Not Found", status: 404, detail: "sem agendamento" } } });
    renderWithProviders(<ScheduleSection flowId="f1" published scheduled />);
    expect(await screen.findByRole("button", { name: "Agendar" })).toBeTruthy();
  });

  it("is disabled, saying why, for a flow never published, and read-only for a viewer", async () => {
    const { requests } = mockApi({});
    const first = renderWithProviders(<ScheduleSection flowId="f1" published={false} scheduled={false} />);
    expect(await screen.findByText(/Publique o fluxo para agendá-lo/)).toBeTruthy();
    expect(screen.getByLabelText(/Expressão cron/).matches(":disabled")).toBe(true);
    // It can't have a schedule yet: nothing is asked (no 404 in the browser's console).
    expect(requests.filter((r) => r.path.endsWith("/schedule"))).toEqual([]);
    first.unmount();

    mockApi({ "GET /api/auth/session": { body: { ...OWNER_SESSION, role: "viewer" } }, "GET /api/flows/f1/schedule": { body: saved } });
    renderWithProviders(<ScheduleSection flowId="f1" published scheduled />);
    expect(await screen.findByText("Seu papel permite ver o agendamento, não mudá-lo.")).toBeTruthy();
    expect(screen.getByLabelText(/Expressão cron/).matches(":disabled")).toBe(true);
    expect(screen.queryByRole("button", { name: "Salvar agendamento" })).toBeNull();
  });
});
