import { describe, expect, it } from "vitest";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { SessionInfo } from "@fluxo/contracts";
import { mockApi, OWNER_SESSION, renderWithProviders } from "../ui/testing.js";
import { AccountMenu } from "./AccountMenu.js";

const TWO_WORKSPACES: SessionInfo = {
  ...OWNER_SESSION,
  workspaces: [
    { id: "w1", name: "Workspace", role: "owner" },
    { id: "w2", name: "Time B", role: "viewer" },
  ],
};

describe("the workspace switcher in the account menu", () => {
  it("lists the person's workspaces and moves the session to the chosen one", async () => {
    let current: SessionInfo = TWO_WORKSPACES;
    const { requests } = mockApi({
      "GET /api/auth/session": () => ({ body: current }),
      "POST /api/auth/workspace": () => {
        current = { ...TWO_WORKSPACES, workspace: { id: "w2", name: "Time B" }, role: "viewer" };
        return { body: current };
      },
    });
    const { router } = renderWithProviders(<AccountMenu />, { path: "/conexoes", routes: { "/fluxos": <AccountMenu /> } });
    const select = await screen.findByLabelText<HTMLSelectElement>("Workspace atual");
    expect([...select.options].map((o) => o.textContent)).toEqual(["Workspace", "Time B"]);
    expect(select.value).toBe("w1");

    await userEvent.setup().selectOptions(select, "w2");
    await waitFor(() => expect(router.state.location.pathname).toBe("/fluxos"));
    expect(requests.find((r) => r.method === "POST")).toEqual({ method: "POST", path: "/api/auth/workspace", body: { workspaceId: "w2" } });
    await waitFor(() => expect(screen.getByLabelText<HTMLSelectElement>("Workspace atual").value).toBe("w2"));
    expect(screen.getByText("Leitor")).toBeTruthy();
  });
});
