import { describe, expect, it } from "vitest";
import { act, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { QueryClientProvider } from "@tanstack/react-query";
import { createMemoryRouter, RouterProvider } from "react-router";
import { reportReachability } from "../api/connectivity.js";
import i18n from "../i18n/index.js";
import { createTestQueryClient, mockApi } from "../ui/testing.js";
import { ToastProvider } from "../ui/index.js";
import { AppShell } from "./AppShell.js";
import { NotFoundPage, RouteError } from "./RouteError.js";

function Boom(): never {
  throw new Error("render failed");
}

function renderShell(initialEntry: string) {
  void i18n.changeLanguage("pt-BR");
  const router = createMemoryRouter(
    [
      {
        element: <AppShell />,
        children: [
          {
            errorElement: <RouteError />,
            children: [
              { path: "fluxos", element: <p>lista de fluxos</p> },
              { path: "quebrada", element: <Boom /> },
              { path: "*", element: <NotFoundPage /> },
            ],
          },
        ],
      },
    ],
    { initialEntries: [initialEntry] },
  );
  return render(
    <QueryClientProvider client={createTestQueryClient()}>
      <ToastProvider>
        <RouterProvider router={router} />
      </ToastProvider>
    </QueryClientProvider>,
  );
}

describe("AppShell", () => {
  it("has the brand, the navigation and the page", async () => {
    mockApi({ "GET /api/health": { body: { status: "ok", database: "embedded", sandboxUrl: null } } });
    renderShell("/fluxos");
    const nav = screen.getByRole("navigation", { name: "Navegação principal" });
    expect(within(nav).getByRole("link", { name: "Fluxos" }).getAttribute("aria-current")).toBe("page");
    expect(within(nav).getByRole("link", { name: "Conexões" })).toBeTruthy();
    expect(screen.getByText("lista de fluxos")).toBeTruthy();
    expect(screen.queryByText("Não foi possível falar com o servidor…")).toBeNull();
  });

  it("shows a banner, not a blank page, when the server can't be reached, and clears it on retry", async () => {
    let up = false;
    mockApi({ "GET /api/health": () => (up ? { body: { status: "ok", database: "embedded", sandboxUrl: null } } : { networkError: true }) });
    const user = userEvent.setup();
    renderShell("/fluxos");
    const banner = await screen.findByRole("alert");
    expect(within(banner).getByText("Não foi possível falar com o servidor…")).toBeTruthy();
    expect(screen.getByText("lista de fluxos")).toBeTruthy();

    up = true;
    await user.click(within(banner).getByRole("button", { name: "Tentar novamente" }));
    await waitFor(() => expect(screen.queryByText("Não foi possível falar com o servidor…")).toBeNull());
  });

  it("shows the banner when any request fails to reach the server", async () => {
    const { fetchMock } = mockApi({ "GET /api/health": { body: { status: "ok", database: "embedded", sandboxUrl: null } } });
    renderShell("/fluxos");
    await waitFor(() => expect(fetchMock).toHaveBeenCalled());
    await act(async () => {
      await Promise.resolve();
      reportReachability(false);
    });
    expect(await screen.findByText("Não foi possível falar com o servidor…")).toBeTruthy();
    act(() => reportReachability(true));
    expect(screen.queryByText("Não foi possível falar com o servidor…")).toBeNull();
  });

  it("switches the language", async () => {
    mockApi({ "GET /api/health": { body: { status: "ok", database: "embedded", sandboxUrl: null } } });
    const user = userEvent.setup();
    renderShell("/fluxos");
    await user.selectOptions(screen.getByLabelText("Idioma"), "en");
    expect(await screen.findByRole("link", { name: "Connections" })).toBeTruthy();
    await user.selectOptions(screen.getByLabelText("Language"), "pt-BR");
    expect(await screen.findByRole("link", { name: "Conexões" })).toBeTruthy();
  });

  it("shows a friendly error page when a route fails, keeping the navigation", async () => {
    mockApi({ "GET /api/health": { body: { status: "ok", database: "embedded", sandboxUrl: null } } });
    const silence = console.error;
    console.error = () => undefined;
    try {
      renderShell("/quebrada");
      expect(await screen.findByText("Esta página encontrou um erro")).toBeTruthy();
      expect(screen.getByRole("link", { name: "Ir para Fluxos" })).toBeTruthy();
      expect(screen.getByRole("navigation", { name: "Navegação principal" })).toBeTruthy();
    } finally {
      console.error = silence;
    }
  });

  it("answers an unknown address with a not-found page", async () => {
    mockApi({ "GET /api/health": { body: { status: "ok", database: "embedded", sandboxUrl: null } } });
    renderShell("/nada-aqui");
    expect(await screen.findByText("Página não encontrada")).toBeTruthy();
    expect(screen.getByText("O endereço /nada-aqui não existe no Fluxo.")).toBeTruthy();
  });
});
