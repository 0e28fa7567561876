import { describe, expect, it, vi } from "vitest";
import { useState } from "react";
import { act, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import i18n from "../i18n/index.js";
import "./testing.js";
import { Button, ConfirmDialog, Dialog, JsonTree, StatusBadge, Tabs, TextField, ToastProvider, formatBytes, formatDuration, formatDateTime, formatRelativeTime, useToast } from "./index.js";

describe("TextField", () => {
  it("is named by its visible label and points at its help and error", () => {
    render(<TextField label="ID do Cliente" required help="O client_id do BTG." error="Preencha este campo." />);
    const input = screen.getByRole("textbox", { name: "ID do Cliente" });
    expect(input.getAttribute("aria-invalid")).toBe("true");
    expect(input.getAttribute("aria-required")).toBe("true");
    const described = input.getAttribute("aria-describedby")!.split(" ").map((id) => document.getElementById(id)!.textContent);
    expect(described).toEqual(["Preencha este campo.", "O client_id do BTG."]);
  });
});

describe("Toasts", () => {
  function Harness() {
    const toast = useToast();
    return (
      <>
        <Button onClick={() => toast.error("Não foi possível salvar.")}>Salvar</Button>
        <Button onClick={() => toast.success("Fluxo salvo")}>Ok</Button>
      </>
    );
  }

  it("shows the same news once, however often it comes, and different news side by side", async () => {
    const user = userEvent.setup();
    render(<ToastProvider><Harness /></ToastProvider>);
    await user.click(screen.getByRole("button", { name: "Salvar" }));
    await user.click(screen.getByRole("button", { name: "Salvar" }));
    await user.click(screen.getByRole("button", { name: "Ok" }));
    const shown = within(screen.getByRole("region", { name: /notifica/i }));
    expect(shown.getAllByText("Não foi possível salvar.")).toHaveLength(1);
    expect(shown.getByText("Fluxo salvo")).toBeTruthy();
  });

  it("replaces an outcome with the next one about the same thing, and takes it away when a new attempt starts", async () => {
    function Attempts() {
      const toast = useToast();
      return (
        <>
          <Button onClick={() => toast.error("Não é possível executar.", { about: "draft:f1" })}>Executar</Button>
          <Button onClick={() => toast.success("Fluxo salvo", { about: "draft:f1" })}>Salvar</Button>
          <Button onClick={() => toast.success("Conexão testada", { about: "test:c1" })}>Testar</Button>
          <Button onClick={() => toast.dismissAbout("draft:f1")}>De novo</Button>
        </>
      );
    }
    const user = userEvent.setup();
    render(<ToastProvider><Attempts /></ToastProvider>);
    const shown = within(screen.getByRole("region", { name: /notifica/i }));
    await user.click(screen.getByRole("button", { name: "Testar" }));
    await user.click(screen.getByRole("button", { name: "Executar" }));
    await user.click(screen.getByRole("button", { name: "Salvar" }));
    expect(shown.queryByText("Não é possível executar.")).toBeNull();
    expect(shown.getByText("Fluxo salvo")).toBeTruthy();
    // News about something else stays.
    expect(shown.getByText("Conexão testada")).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Executar" }));
    await user.click(screen.getByRole("button", { name: "De novo" }));
    expect(shown.queryByText("Não é possível executar.")).toBeNull();
    expect(shown.getByText("Conexão testada")).toBeTruthy();
  });

  it("takes the open notifications away when the language changes: they were written in the other one", async () => {
    const user = userEvent.setup();
    render(<ToastProvider><Harness /></ToastProvider>);
    await user.click(screen.getByRole("button", { name: "Ok" }));
    expect(screen.getByText("Fluxo salvo")).toBeTruthy();
    await act(() => i18n.changeLanguage("en"));
    expect(screen.queryByText("Fluxo salvo")).toBeNull();
    await act(() => i18n.changeLanguage("pt-BR"));
  });
});

describe("Dialog", () => {
  function Harness() {
    const [open, setOpen] = useState(false);
    return (
      <>
        <Button onClick={() => setOpen(true)}>Abrir</Button>
        <Dialog open={open} onClose={() => setOpen(false)} title="Detalhes">
          <TextField label="Nome" />
        </Dialog>
      </>
    );
  }

  it("focuses its first field, closes on Esc and gives focus back", async () => {
    const user = userEvent.setup();
    render(<Harness />);
    const opener = screen.getByRole("button", { name: "Abrir" });
    await user.click(opener);
    const dialog = screen.getByRole("dialog", { name: "Detalhes" });
    expect(document.activeElement).toBe(within(dialog).getByLabelText("Nome"));
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("dialog")).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(opener));
  });

  it("ConfirmDialog starts on Cancel and confirms on click", async () => {
    const onConfirm = vi.fn();
    const user = userEvent.setup();
    render(
      <ConfirmDialog open title="Excluir" confirmLabel="Excluir" danger onConfirm={onConfirm} onCancel={() => undefined}>
        Tem certeza?
      </ConfirmDialog>,
    );
    const dialog = screen.getByRole("alertdialog", { name: "Excluir" });
    expect(document.activeElement).toBe(within(dialog).getByRole("button", { name: "Cancelar" }));
    await user.click(within(dialog).getByRole("button", { name: "Excluir" }));
    expect(onConfirm).toHaveBeenCalledOnce();
  });
});

describe("Tabs", () => {
  it("moves between tabs with the arrow keys, Home and End", async () => {
    const user = userEvent.setup();
    render(
      <Tabs
        label="Configuração do passo"
        tabs={[
          { id: "params", label: "Parametrização", content: <p>parâmetros</p> },
          { id: "props", label: "Propriedades", content: <p>propriedades</p> },
          { id: "out", label: "Saída", content: <p>saída</p> },
        ]}
      />,
    );
    const [first, second, third] = screen.getAllByRole("tab");
    expect(first!.getAttribute("aria-selected")).toBe("true");
    expect(second!.tabIndex).toBe(-1);
    first!.focus();
    await user.keyboard("{ArrowRight}");
    expect(document.activeElement).toBe(second);
    expect(screen.getByRole("tabpanel", { name: "Propriedades" }).textContent).toBe("propriedades");
    await user.keyboard("{End}");
    expect(document.activeElement).toBe(third);
    await user.keyboard("{ArrowRight}");
    expect(document.activeElement).toBe(first);
    await user.keyboard("{ArrowLeft}");
    expect(third!.getAttribute("aria-selected")).toBe("true");
  });
});

describe("JsonTree", () => {
  it("shows nested values and collapses a branch", async () => {
    const user = userEvent.setup();
    render(<JsonTree value={{ body: { access_token: "eyJ", expires_in: 86400, scope: null }, headers: {} }} label="Saída" />);
    expect(screen.getByText('"eyJ"')).toBeTruthy();
    expect(screen.getByText("86400")).toBeTruthy();
    const toggle = screen.getByRole("button", { name: /body/ });
    expect(toggle.getAttribute("aria-expanded")).toBe("true");
    await user.click(toggle);
    expect(toggle.getAttribute("aria-expanded")).toBe("false");
    expect(screen.queryByText('"eyJ"')).toBeNull();
    expect(screen.getByRole("button", { name: "Copiar JSON" })).toBeTruthy();
  });
});

describe("StatusBadge", () => {
  it("names each status in Portuguese", () => {
    render(
      <>
        <StatusBadge status="succeeded" />
        <StatusBadge status="interrupted" />
      </>,
    );
    expect(screen.getByText("Sucesso")).toBeTruthy();
    expect(screen.getByText("Interrompido")).toBeTruthy();
  });
});

describe("formatting", () => {
  it("formats durations", () => {
    expect(formatDuration(850, "pt-BR")).toBe("850 ms");
    expect(formatDuration(1530, "pt-BR")).toBe("1,5 s");
    expect(formatDuration(1530, "en")).toBe("1.5 s");
    expect(formatDuration(125_000, "pt-BR")).toBe("2 min 5 s");
    expect(formatDuration(3_720_000, "pt-BR")).toBe("1 h 2 min");
    expect(formatDuration(null)).toBe("—");
  });

  it("formats sizes in decimal units", () => {
    // Intl separates number and unit with a no-break space.
    const plain = (text: string) => text.replace(/\u00a0/g, " ");
    expect(plain(formatBytes(850, "pt-BR"))).toBe("850 B");
    expect(plain(formatBytes(1234, "pt-BR"))).toBe("1,2 kB");
    expect(plain(formatBytes(1234, "en"))).toBe("1.2 kB");
    expect(plain(formatBytes(48_900, "pt-BR"))).toBe("49 kB");
    expect(plain(formatBytes(2_500_000, "pt-BR"))).toBe("2,5 MB");
    expect(formatBytes(undefined)).toBe("—");
  });

  it("formats dates and relative times per language", () => {
    const iso = "2026-11-28T14:03:09.000Z";
    expect(formatDateTime(iso, "pt-BR")).toMatch(/^28\/11\/2026/);
    expect(formatDateTime(iso, "en")).toMatch(/^11\/28\/26/);
    const now = new Date("2026-11-28T14:08:09.000Z");
    expect(formatRelativeTime(iso, now, "pt-BR")).toBe("há 5 minutos");
    expect(formatRelativeTime(iso, now, "en")).toBe("5 minutes ago");
    expect(formatRelativeTime(null)).toBe("—");
  });
});
