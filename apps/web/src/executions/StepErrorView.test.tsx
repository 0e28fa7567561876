import { act, screen } from "@testing-library/react";
import { asRef, fieldText, ref, stepMessage } from "@fluxo/contracts";
import { describe, expect, it } from "vitest";
import { mockApi, renderWithProviders } from "../ui/testing.js";
import i18n from "../i18n/index.js";
import { StepErrorView } from "./StepErrorView.js";

describe("StepErrorView: a consented connection's own failures are titled as such, not as a missing connection", () => {
  it.each([
    ["reconnect_required", "Reconexão necessária"],
    ["refresh_budget_exhausted", "Limite de renovações atingido"],
    ["not_connected", "Conexão ainda não conectada"],
    ["token_refused", "Token recusado logo após a renovação"],
  ])("%s", (code, title) => {
    mockApi({});
    const message = `A conexão "BTG conta" falhou (${code}).`;
    renderWithProviders(<StepErrorView error={{ kind: "connection", code, message }} />);
    expect(screen.getByText(title)).toBeTruthy();
    expect(screen.getByText(message)).toBeTruthy();
  });
});

describe("StepErrorView: one piece of advice per error", () => {
  it("a BTG-ID invalid_client says the connector's own advice instead of the generic hint, once", () => {
    mockApi({});
    const error = {
      kind: "http_error" as const,
      status: 401,
      code: "invalid_client",
      description: "client authentication failed",
      ...stepMessage("btg_id.token_refused", { status: 401, code: "invalid_client", said: ": client authentication failed", advice: ref("btg_id.advice.check_credentials") }),
    };
    renderWithProviders(<StepErrorView error={error} operation="btg-id_get-credentials" />);
    const card = screen.getByTestId("step-error");
    expect(screen.getByTestId("step-error-advice").textContent).toBe("O BTG-ID recusou o pedido de token (401 invalid_client). Confira o ID do Cliente e a Chave Secreta do Cliente na conexão.");
    expect(card.textContent).not.toContain("Confira o código acima");
    expect(card.textContent!.split("Chave Secreta").length - 1).toBe(1);
    // BTG's own words stay, shown once above.
    expect(card.textContent!.split("client authentication failed").length - 1).toBe(1);
  });

  it("advice nested in a wrapping message (an HTTP failure not tried again) counts too", () => {
    mockApi({});
    const failure = { kind: "http_error" as const, status: 401, ...stepMessage("http.status", { service: ref("http.service.server"), status: 401, codeSuffix: "", said: "", advice: ref("http.advice.unauthorized") }) };
    renderWithProviders(<StepErrorView error={{ ...failure, retryable: false, ...stepMessage("http.not_retried", { failure: asRef(failure) }) }} />);
    expect(screen.getByTestId("step-error-advice").textContent).toMatch(/^O servidor respondeu 401\. A credencial foi recusada: confira a autenticação da conexão/);
    expect(screen.getByTestId("step-error").textContent).not.toContain("O serviço recusou o pedido. Confira o status");
  });

  it("a transport failure's advice (an address the outbound policy refuses) replaces the generic hint too", () => {
    mockApi({});
    renderWithProviders(<StepErrorView error={{ kind: "refused", code: "metadata", ...stepMessage("http.refused", { host: "169.254.169.254", reason: ref("outbound.not_allowed"), advice: ref("http.advice.outbound_refused") }) }} />);
    expect(screen.getByTestId("step-error-advice").textContent).toMatch(/^O Fluxo não chama 169\.254\.169\.254: .*Use um endereço público/);
    expect(screen.getByTestId("step-error").textContent).not.toContain("O Fluxo não chama esse endereço: a URL (do passo ou da conexão)");
  });

  it("a message with no advice of its own keeps the generic hint, then the message", () => {
    mockApi({});
    renderWithProviders(<StepErrorView error={{ kind: "expression", ...stepMessage("engine.unknown_error") }} />);
    expect(screen.getByTestId("step-error-advice").textContent).toMatch(/^Uma expressão não pôde ser avaliada\. Confira o caminho usado/);
    expect(screen.getByText("erro desconhecido")).toBeTruthy();
  });
});

describe("StepErrorView: the fields a step error names read in the app's language", () => {
  it("a pagination expression that gives no list names its field in English, and in pt-BR", async () => {
    mockApi({});
    const error = {
      kind: "expression" as const,
      ...stepMessage("http.pagination.items_not_list", { page: 2, value: "um texto", example: "{{ .response.body.items }}" }),
      fields: [
        { path: "pagination.items", message: fieldText("http.field.expects_list") },
        { path: "pagination.maxPages", message: fieldText("http.field.more_pages", { max: 5 }) },
      ],
    };
    renderWithProviders(<StepErrorView error={error} />);
    const fields = () => screen.getByTestId("step-error").querySelector(".step-error__fields")!.textContent;
    expect(fields()).toBe("pagination.items: A expressão deve dar uma lista.pagination.maxPages: Mais de 5 páginas.");
    // Switching the language re-tells them without a reload.
    await act(() => i18n.changeLanguage("en"));
    try {
      expect(fields()).toBe("pagination.items: The expression must give a list.pagination.maxPages: More than 5 pages.");
    } finally {
      await act(() => i18n.changeLanguage("pt-BR"));
    }
  });
});
