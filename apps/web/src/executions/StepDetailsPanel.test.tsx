import type { Execution, HttpExchangeSummary, StepRun } from "@fluxo/contracts";
import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { describe, expect, it, vi } from "vitest";
import i18n from "../i18n/index.js";
import { mockApi, renderWithProviders } from "../ui/testing.js";
import type { StepRunState } from "./runState.js";
import { StepDetailsPanel } from "./StepDetailsPanel.js";

function b64url(value: unknown): string {
  return btoa(JSON.stringify(value)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

const claims = {
  iss: "http://127.0.0.1:3100",
  sub: "demo-client",
  client_id: "demo-client",
  scope: "apps",
  iat: Math.floor(Date.now() / 1000),
  exp: Math.floor(Date.now() / 1000) + 86_400,
  authorization_details: [{ type: "accounts", resource: "conta-123", locations: ["https://api.btg/accounts"], privileges: ["read"] }],
};
const token = `${b64url({ alg: "RS256", typ: "at+jwt", kid: "k1" })}.${b64url(claims)}.c2ln`;

function stepRun(overrides: Partial<StepRun>): StepRun {
  return {
    stepId: "credentials",
    connector: "btg-id",
    operation: "get-credentials",
    status: "succeeded",
    attempt: 1,
    startedAt: "2026-01-01T10:00:00.000Z",
    finishedAt: "2026-01-01T10:00:00.120Z",
    durationMs: 120,
    input: { grantType: "client_credentials" },
    output: null,
    error: null,
    http: { method: "POST", url: "http://127.0.0.1:3100/oauth2/token", requestHeaders: { authorization: "[redacted]" }, status: 200, responseHeaders: {}, durationMs: 100 },
    ...overrides,
  };
}

function execution(step: StepRun): Execution {
  return {
    id: "ex1",
    flowId: "flow1",
    flowVersion: 2,
    draft: true,
    draftSavedAt: "2026-12-06T17:36:00.000Z",
    triggerSource: "editor",
    definition: { trigger: { position: { x: 0, y: 120 } }, steps: [], edges: [] },
    status: step.status === "failed" ? "failed" : "succeeded",
    startedAt: step.startedAt,
    finishedAt: step.finishedAt,
    durationMs: 130,
    createdAt: "2026-01-01T10:00:00.000Z",
    input: { body: null, headers: {}, query_params: {} },
    error: null,
    steps: [step],
    rerunOf: null,
    reruns: [],
    testedAgainst: null,
  };
}

function renderPanel(run: StepRun) {
  renderWithProviders(<StepDetailsPanel stepId={run.stepId} stepName={run.stepId} live={undefined} execution={execution(run)} loadError={null} onRetry={vi.fn()} onClose={vi.fn()} />);
}

function exchange(overrides: Partial<HttpExchangeSummary> = {}): HttpExchangeSummary {
  return {
    method: "GET",
    url: "https://api.example.com/v1/accounts?page=1",
    requestHeaders: { accept: "application/json", authorization: "[redacted]" },
    status: 200,
    responseHeaders: { "content-type": "application/json" },
    durationMs: 85,
    responseBytes: 1234,
    ...overrides,
  };
}

/** An HTTP step ("Requisição HTTP") with one attempt that made `exchanges`. */
function httpRun(overrides: Partial<StepRun> = {}, exchanges: HttpExchangeSummary[] = [exchange()]): StepRun {
  const last = exchanges.at(-1)!;
  return stepRun({
    stepId: "call",
    connector: "http",
    operation: "request",
    input: { method: "GET", url: last.url },
    output: { code: 200, headers: { "content-type": "application/json" }, body: { items: [{ id: "acc-1" }] } },
    http: last,
    attempts: [
      { attempt: 1, startedAt: "2026-01-01T10:00:00.000Z", finishedAt: "2026-01-01T10:00:00.120Z", durationMs: 120, error: null, http: last, ...(exchanges.length > 1 ? { exchanges } : {}) },
    ],
    ...overrides,
  });
}

const plain = (text: string | null) => (text ?? "").replace(/\u00a0/g, " ");

describe("StepDetailsPanel", () => {
  const session = (role: string) => ({ setupRequired: false, user: { id: "u1", email: "a@b.c", name: "Ana" }, workspace: { id: "w1", name: "W" }, role });
  // The API sends the token without its signature; the whole one comes from the reveal endpoint.
  const unsigned = token.slice(0, token.lastIndexOf(".") + 1);

  it("decodes the token's claims, masks it, and reveals it on request", async () => {
    const { requests } = mockApi({ "GET /api/auth/session": { body: session("member") }, "GET /api/executions/ex1/steps/credentials/token": { body: { access_token: token } } });
    renderPanel(stepRun({ output: { code: 200, headers: {}, body: { access_token: unsigned, token_type: "Bearer", expires_in: 86400, scope: "apps" } } }));
    const claimsView = screen.getByTestId("jwt-claims");
    expect(within(claimsView).getAllByText("demo-client")).toHaveLength(2);
    expect(within(claimsView).getByText(/expira em/)).toBeTruthy();
    expect(within(claimsView).getByRole("group", { name: "authorization_details" }).textContent).toContain("conta-123");

    const value = screen.getByLabelText("access_token (mascarado)");
    expect(value.textContent).not.toBe(token);
    expect(document.body.textContent).not.toContain(token);
    expect(requests.some((r) => r.path.endsWith("/token"))).toBe(false);
    await userEvent.setup().click(await screen.findByRole("button", { name: "Mostrar token" }));
    await waitFor(() => expect(value.textContent).toBe(token));
  });

  it("offers a viewer no way to reveal or copy the token", async () => {
    mockApi({ "GET /api/auth/session": { body: session("viewer") } });
    renderPanel(stepRun({ output: { code: 200, headers: {}, body: { access_token: unsigned, token_type: "Bearer" } } }));
    expect(await screen.findByTestId("jwt-claims")).toBeTruthy();
    await waitFor(() => expect(screen.queryByRole("button", { name: "Mostrar token" })).toBeNull());
    expect(screen.queryByRole("button", { name: "Copiar token" })).toBeNull();
  });

  it("says an encrypted token can't be read and shows only its header", () => {
    const jwe = `${b64url({ alg: "RSA-OAEP-256", enc: "A256GCM" })}.a.b.c.d`;
    renderPanel(stepRun({ output: { code: 200, headers: {}, body: { access_token: jwe } } }));
    expect(screen.getByText("Token criptografado (JWE)")).toBeTruthy();
    expect(screen.queryByTestId("jwt-claims")).toBeNull();
  });

  it("puts BTG's error code and description first for a failed step", () => {
    renderPanel(
      stepRun({
        status: "failed",
        output: null,
        error: { kind: "http_error", message: "BTG-ID answered 401", status: 401, code: "invalid_client", description: "Client authentication failed" },
      }),
    );
    const error = screen.getByTestId("step-error");
    expect(within(error).getByText("invalid_client")).toBeTruthy();
    expect(within(error).getByText("Client authentication failed")).toBeTruthy();
    expect(within(error).getByText("HTTP 401")).toBeTruthy();
    expect(within(error).getByText(/ID do Cliente ou Chave Secreta/)).toBeTruthy();
  });

  it("doesn't repeat the service's words its message quotes", () => {
    const description = "this request needs scope accounts.readonly";
    renderPanel(stepRun({ status: "failed", output: null, error: { kind: "http_error", status: 403, code: "insufficient_scope", description, message: `A API do BTG respondeu 403 (insufficient_scope): ${description}. O token não dá acesso a este recurso.` } }));
    const error = screen.getByTestId("step-error");
    expect(within(error).getAllByText(new RegExp(description))).toHaveLength(1);
    expect(within(error).getByText("A API do BTG respondeu 403 (insufficient_scope). O token não dá acesso a este recurso.")).toBeTruthy();
  });

  // #18 item 8: a coded step error reads in the app's language; BTG's own words stay as sent, inside it.
  const refused = {
    kind: "http_error" as const,
    status: 401,
    code: "invalid_client",
    description: "Client authentication failed",
    message: "O BTG-ID recusou o pedido de token (401 invalid_client): Client authentication failed. Confira o ID do Cliente e a Chave Secreta do Cliente na conexão.",
    messageCode: "btg_id.token_refused",
    messageParams: { status: 401, code: "invalid_client", said: ": Client authentication failed", advice: { code: "btg_id.advice.check_credentials" } },
  };
  it("tells a coded step error in English when the app speaks English, and in Portuguese again after switching back", async () => {
    renderPanel(stepRun({ status: "failed", output: null, error: refused }));
    await act(() => i18n.changeLanguage("en"));
    const error = screen.getByTestId("step-error");
    expect(within(error).getByText("BTG-ID refused the token request (401 invalid_client). Check the Client ID and the Client Secret in the connection.")).toBeTruthy();
    expect(within(error).getByText("Client authentication failed")).toBeTruthy();
    expect(within(error).queryByText(/Confira/)).toBeNull();
    await act(() => i18n.changeLanguage("pt-BR"));
    expect(within(error).getByText("O BTG-ID recusou o pedido de token (401 invalid_client). Confira o ID do Cliente e a Chave Secreta do Cliente na conexão.")).toBeTruthy();
  });

  it("shows the stored message of an error without a code (stored before codes) or with a code it doesn't know", async () => {
    renderPanel(stepRun({ status: "failed", output: null, error: { kind: "internal", message: "mensagem antiga em português", messageCode: "someday.new_code" } }));
    await act(() => i18n.changeLanguage("en"));
    expect(within(screen.getByTestId("step-error")).getByText("mensagem antiga em português")).toBeTruthy();
    await act(() => i18n.changeLanguage("pt-BR"));
  });

  const one = { path: "authorizationDetails.0.resource", message: "coluna 4: .input.body.conta não existe" };
  it("doesn't list a field's problem the message already tells", () => {
    renderPanel(stepRun({ status: "failed", output: null, error: { kind: "expression", message: `expressão inválida em ${one.path}: ${one.message}`, fields: [one] } }));
    expect(within(screen.getByTestId("step-error")).getAllByText(/\.input\.body\.conta não existe/)).toHaveLength(1);
  });

  it("lists each field when several fail", () => {
    const two = [one, { path: "authorizationDetails.0.type", message: "Preencha este campo." }];
    renderPanel(stepRun({ status: "failed", output: null, error: { kind: "invalid_parameters", message: "parâmetros inválidos: …", fields: two } }));
    expect(within(screen.getByTestId("step-error")).getAllByRole("listitem").map((li) => li.textContent)).toEqual(two.map((f) => `${f.path}: ${f.message}`));
  });

  it("opens a Loop step on its first failed pass, marks the failed passes, and shows another pass when chosen", async () => {
    const pass = (iteration: number, failed: boolean) =>
      httpRun({
        iteration,
        ...(failed ? { status: "failed" as const, output: null, error: { kind: "http_error", message: `a passagem ${iteration + 1} recebeu 404`, status: 404 } } : {}),
      });
    const runs = [pass(0, false), pass(1, true), pass(2, false), pass(3, true)];
    renderWithProviders(
      <StepDetailsPanel stepId="call" stepName="call" live={undefined} execution={{ ...execution(runs[0]!), status: "failed", steps: runs }} loadError={null} onRetry={vi.fn()} onClose={vi.fn()} />,
    );
    const select = screen.getByLabelText<HTMLSelectElement>("Passagem");
    expect(select.value).toBe("1");
    expect([...select.options].map((o) => o.textContent)).toEqual(["1 de 4", "2 de 4 — falhou", "3 de 4", "4 de 4 — falhou"]);
    expect(within(screen.getByTestId("step-error")).getByText(/a passagem 2 recebeu 404/)).toBeTruthy();

    await userEvent.setup().selectOptions(select, "2");
    expect(select.value).toBe("2");
    expect(screen.queryByTestId("step-error")).toBeNull();
  });

  describe("a step that hasn't run", () => {
    const pending = (overrides: Partial<StepRun> = {}) =>
      stepRun({ stepId: "http", connector: "http", operation: "request", status: "pending", attempt: 0, startedAt: null, finishedAt: null, durationMs: null, input: null, http: undefined, ...overrides });
    const withStatus = (status: Execution["status"], steps: StepRun[], overrides: Partial<Execution> = {}): Execution => ({
      ...execution(steps[0] ?? pending()),
      status,
      finishedAt: null,
      durationMs: null,
      steps,
      ...overrides,
    });
    const panel = (props: { execution: Execution; live?: StepRunState }) => (
      <StepDetailsPanel stepId="http" stepName="http" live={props.live} execution={props.execution} loadError={null} onRetry={vi.fn()} onClose={vi.fn()} />
    );

    it("waits to run while the execution runs, shows when it starts, and says it never ran only once the execution ended", () => {
      const running = withStatus("running", [stepRun({ status: "running", finishedAt: null, durationMs: null }), pending()]);
      // The editor passes the stored execution and the step's live state from the run's events.
      let show: (props: { execution: Execution; live?: StepRunState }) => void = () => {};
      function Live() {
        const [props, setProps] = useState<{ execution: Execution; live?: StepRunState }>({ execution: running });
        show = setProps;
        return panel(props);
      }
      renderWithProviders(<Live />);
      expect(screen.getByRole("heading", { name: "Aguardando" })).toBeTruthy();
      expect(screen.getByText("Este passo ainda não começou. Os detalhes aparecem aqui assim que ele rodar.")).toBeTruthy();
      expect(screen.queryByText("Passo não executado")).toBeNull();

      // Its step.started event arrives.
      act(() => show({ execution: running, live: { status: "running", durationMs: null, attempt: 1, error: null } }));
      expect(screen.getByText("Executando este passo…")).toBeTruthy();
      expect(screen.queryByText("Aguardando")).toBeNull();

      // A run that failed before reaching it.
      act(() => show({ execution: withStatus("failed", [stepRun({ status: "failed" }), pending()]) }));
      expect(screen.getByRole("heading", { name: "Passo não executado" })).toBeTruthy();
      expect(screen.queryByText("Aguardando")).toBeNull();
    });

    it("waits while the execution is queued, before its steps are planned", () => {
      renderWithProviders(panel({ execution: withStatus("queued", [], { startedAt: null }) }));
      expect(screen.getByRole("heading", { name: "Aguardando" })).toBeTruthy();
    });

    it("says it never ran in a step test of another step, which runs that step alone", () => {
      renderWithProviders(panel({ execution: withStatus("running", [stepRun({ status: "running" })], { triggerSource: "test" }) }));
      expect(screen.getByRole("heading", { name: "Passo não executado" })).toBeTruthy();
    });
  });

  describe("an HTTP step", () => {
    it("shows the request it made and the answer: status, size, time, headers as the server masked them", () => {
      renderPanel(httpRun());
      const request = screen.getByRole("region", { name: "Requisição" });
      expect(request.textContent).toContain("GEThttps://api.example.com/v1/accounts?page=1");
      const sent = within(request).getByRole("table", { name: "Cabeçalhos enviados" });
      expect(within(sent).getByRole("rowheader", { name: "authorization" }).nextElementSibling!.textContent).toBe("[redacted]");

      const response = screen.getByRole("region", { name: "Resposta" });
      expect(within(response).getByText("HTTP 200")).toBeTruthy();
      const facts = Array.from(response.querySelectorAll(".facts__row")).map((row) => plain(row.textContent));
      expect(facts).toEqual(["StatusHTTP 200", "Tamanho1,2 kB", "Tempo85 ms"]);
      expect(within(response).getByRole("table", { name: "Cabeçalhos recebidos" }).textContent).toContain("application/json");
    });

    it("lists each exchange of an attempt under its label, collapsible, the last one open", () => {
      const token = exchange({ label: "Token", method: "POST", url: "https://id.sandbox.btgpactual.com/oauth2/token", responseBytes: 900 });
      const api = exchange({ label: "API", url: "https://api.sandbox.empresas.btgpactual.com/123/banking/payments", status: 404, responseBytes: 48_900 });
      renderPanel(httpRun({ connector: "btg-id", operation: "call-api" }, [token, api]));
      expect(screen.getByText("Requisições HTTP")).toBeTruthy();
      const items = Array.from(document.querySelectorAll<HTMLDetailsElement>(".http-exchanges__item"));
      expect(items.map((item) => item.querySelector(".http-exchanges__label")!.textContent)).toEqual(["Token", "API"]);
      expect(items.map((item) => item.open)).toEqual([false, true]);
      expect(within(items[1]!.querySelector("summary")!).getByText("HTTP 404")).toBeTruthy();
      expect(plain(items[1]!.textContent)).toContain("Tamanho49 kB");
      expect(plain(items[0]!.textContent)).toContain("Tamanho900 B");
    });

    it("names exchanges without a label by their order", () => {
      renderPanel(httpRun({}, [exchange({ url: "https://a/1" }), exchange({ url: "https://a/2" })]));
      expect(Array.from(document.querySelectorAll(".http-exchanges__label")).map((l) => l.textContent)).toEqual(["Requisição 1", "Requisição 2"]);
    });

    it("shows an object body as a JSON tree and a text body as preformatted text", () => {
      const { unmount } = renderWithProviders(
        <StepDetailsPanel stepId="call" stepName="Chamar a API" live={undefined} execution={execution(httpRun())} loadError={null} onRetry={vi.fn()} onClose={vi.fn()} />,
      );
      expect(screen.getByRole("group", { name: "Corpo da saída" }).textContent).toContain("items");
      unmount();

      const text = "linha 1\n  linha 2";
      renderPanel(httpRun({ output: { code: 200, headers: { "content-type": "text/plain" }, body: text } }));
      const pre = screen.getByLabelText("Corpo da saída");
      expect(pre.tagName).toBe("PRE");
      expect(pre.textContent).toBe(text);
      expect(screen.queryByRole("group", { name: "Corpo da saída" })).toBeNull();
    });

    it("explains a refused request in general terms, and says when it was deliberately not tried again", () => {
      const failed = exchange({ method: "POST", status: 409 });
      renderPanel(
        httpRun(
          {
            status: "failed",
            output: null,
            error: { kind: "http_error", message: "O serviço respondeu 409", status: 409, retryable: false },
            attempts: [{ attempt: 1, startedAt: "2026-01-01T10:00:00.000Z", finishedAt: "2026-01-01T10:00:00.120Z", durationMs: 120, error: { kind: "http_error", message: "409", status: 409, retryable: false }, http: failed }],
          },
          [failed],
        ),
      );
      const error = screen.getByTestId("step-error");
      expect(error.textContent).toContain("O serviço recusou o pedido.");
      expect(error.textContent).not.toContain("BTG-ID");
      expect(within(error).getByText(/Não foi tentado de novo/)).toBeTruthy();
    });

    it("lists every attempt of a retried step, with the wait before the next and each one's exchanges", () => {
      const timeout = exchange({ status: null, responseBytes: undefined, durationMs: 30_000 });
      const ok = exchange();
      renderPanel(
        httpRun({
          attempt: 2,
          attempts: [
            { attempt: 1, startedAt: "2026-01-01T10:00:00.000Z", finishedAt: "2026-01-01T10:00:30.000Z", durationMs: 30_000, error: { kind: "timeout", message: "sem resposta em 30 s" }, http: timeout, retryInMs: 2000 },
            { attempt: 2, startedAt: "2026-01-01T10:00:32.000Z", finishedAt: "2026-01-01T10:00:32.100Z", durationMs: 100, error: null, http: ok },
          ],
        }),
      );
      const attempts = Array.from(document.querySelectorAll(".attempts__item"));
      expect(attempts.map((a) => plain(a.querySelector("summary")!.textContent))).toEqual(["Tentativa 1Falhou30 s· nova tentativa após 2 s", "Tentativa 2Sucesso100 ms"]);
      expect(attempts[0]!.textContent).toContain("Tempo esgotado: sem resposta em 30 s");
      expect(within(attempts[0] as HTMLElement).getByText("Sem resposta")).toBeTruthy();
    });
  });
});
