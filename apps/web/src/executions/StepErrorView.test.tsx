import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { mockApi, renderWithProviders } from "../ui/testing.js";
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
