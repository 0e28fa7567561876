import { describe, expect, it, vi } from "vitest";
import { screen, render, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import i18n from "../i18n/index.js";
import "./testing.js";
import { JSON_TREE_OPEN_ROWS, JSON_TREE_PAGE, JsonTree } from "./JsonTree.js";

/** The QA case: an HTTP step's 4.7 MB answer, `{"items":[…40 000 objects…]}`. */
const items = Array.from({ length: 40_000 }, (_, i) => ({ id: `item-${i}`, name: `Item ${i}`, amount: i * 1.5, active: i % 2 === 0 }));

const rows = (tree: HTMLElement) => tree.querySelectorAll("li").length;
/** The rows directly under a node's toggle. */
const childRows = (toggle: HTMLElement) => toggle.parentElement!.querySelector(":scope > ul")!.querySelectorAll(":scope > li").length;

describe("JsonTree with a large value", () => {
  it("opens a 40 000-item answer with a bounded number of rows, the list closed, and shows more on request", async () => {
    void i18n.changeLanguage("pt-BR");
    const user = userEvent.setup();
    render(<JsonTree value={{ items }} label="Corpo da saída" expandDepth={2} />);
    const tree = screen.getByRole("group", { name: "Corpo da saída" });
    // The list has too many items to open by itself: its row says how many.
    const list = within(tree).getByRole("button", { name: /items/ });
    expect(list.getAttribute("aria-expanded")).toBe("false");
    expect(list.textContent).toContain("40000 itens");
    expect(rows(tree)).toBe(2);

    await user.click(list);
    expect(childRows(list)).toBe(JSON_TREE_PAGE + 1); // its first page, and the button
    expect(rows(tree)).toBeLessThan(100);
    // Each item is a closed row of its own, saying its size.
    expect(list.parentElement!.querySelector("ul > li")!.textContent).toBe("0: { 4 chaves }");
    const more = within(tree).getByRole("button", { name: "Mostrar mais 50 (de 40.000)" });

    await user.click(more);
    expect(childRows(list)).toBe(2 * JSON_TREE_PAGE + 1);
    // The same button, still focused: Enter shows the next page.
    expect(document.activeElement).toBe(more);
    await user.keyboard("{Enter}");
    expect(childRows(list)).toBe(3 * JSON_TREE_PAGE + 1);
    expect(more.textContent).toBe("Mostrar mais 50 (de 40.000)");
    expect(rows(tree)).toBeLessThan(200);
  });

  it("shows a top-level list's first page at once, then the rest, leaving the keyboard on the list when it's all shown", async () => {
    void i18n.changeLanguage("pt-BR");
    const user = userEvent.setup();
    render(<JsonTree value={Array.from({ length: 120 }, (_, i) => i)} label="Lista" />);
    const tree = screen.getByRole("group", { name: "Lista" });
    const list = within(tree).getAllByRole("button")[1]!; // after "Copiar JSON"
    expect(list.getAttribute("aria-expanded")).toBe("true");
    expect(childRows(list)).toBe(JSON_TREE_PAGE + 1);

    await user.click(within(tree).getByRole("button", { name: "Mostrar mais 50 (de 120)" }));
    const last = within(tree).getByText("Mostrar mais 20 (de 120)").closest("button")!;
    last.focus();
    await user.keyboard(" ");
    expect(childRows(list)).toBe(120);
    expect(within(tree).queryByRole("button", { name: /Mostrar mais/ })).toBeNull();
    expect(document.activeElement).toBe(list);
    expect(Array.from(tree.querySelectorAll("li")).at(-1)!.textContent).toBe("119: 119");
  });

  it("opens a wide value only as far as its row budget, however deep it may open", () => {
    // 20 × 20 × 20 × 20 leaves: each node small enough to open, all within expandDepth 4, 168 421 rows if all opened.
    const level = (depth: number): unknown => (depth === 0 ? "x" : Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`k${i}`, level(depth - 1)])));
    render(<JsonTree value={level(4)} label="Larga" expandDepth={4} />);
    const tree = screen.getByRole("group", { name: "Larga" });
    expect(rows(tree)).toBeLessThanOrEqual(JSON_TREE_OPEN_ROWS + JSON_TREE_PAGE);
    // The first levels open; deeper nodes start closed, saying their size.
    const [, top, first] = within(tree).getAllByRole("button");
    expect(top!.getAttribute("aria-expanded")).toBe("true");
    expect(first!.getAttribute("aria-expanded")).toBe("true");
  });

  it("keeps small values open as deep as asked", () => {
    render(<JsonTree value={{ a: { b: { c: { d: 1 } } } }} label="Pequeno" expandDepth={4} />);
    const toggles = within(screen.getByRole("group", { name: "Pequeno" })).getAllByRole("button", { expanded: true });
    expect(toggles).toHaveLength(4);
    expect(screen.getByText("1")).toBeTruthy();
  });

  it("copies the whole value, not just the rows shown", async () => {
    const writeText = vi.fn(async (_text: string) => {});
    Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
    const user = userEvent.setup();
    render(<JsonTree value={{ items }} label="Corpo" />);
    // userEvent.setup() puts its own clipboard in place: ours goes back after it.
    Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
    await user.click(screen.getByRole("button", { name: "Copiar JSON" }));
    expect(writeText).toHaveBeenCalledTimes(1);
    expect((JSON.parse(writeText.mock.calls[0]![0]) as { items: unknown[] }).items).toHaveLength(40_000);
  });
});
