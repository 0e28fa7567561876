import { describe, expect, it, vi } from "vitest";
import { afterPointerRelease, deferBlur } from "./afterPointerRelease.js";

describe("afterPointerRelease", () => {
  it("runs at once when nothing is pressed", () => {
    const show = vi.fn();
    afterPointerRelease(show);
    expect(show).toHaveBeenCalledOnce();
  });

  it("waits, during a press, until the press has ended and its click been delivered", async () => {
    const show = vi.fn();
    const seen: string[] = [];
    document.addEventListener("click", () => seen.push(show.mock.calls.length === 0 ? "click before" : "click after"), { once: true });
    document.body.dispatchEvent(new Event("pointerdown", { bubbles: true }));
    afterPointerRelease(show);
    expect(show).not.toHaveBeenCalled();
    document.body.dispatchEvent(new Event("pointerup", { bubbles: true }));
    document.body.dispatchEvent(new MouseEvent("click", { bubbles: true }));
    expect(show).not.toHaveBeenCalled();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(show).toHaveBeenCalledOnce();
    expect(seen).toEqual(["click before"]);
  });
});

describe("deferBlur", () => {
  it("keeps the registration and delays its blur while a press lasts", async () => {
    const onBlur = vi.fn(async (_event: { target: unknown }) => true);
    const registration = deferBlur({ name: "name", onBlur, onChange: async () => true });
    expect(registration.name).toBe("name");
    document.body.dispatchEvent(new Event("pointerdown", { bubbles: true }));
    const done = registration.onBlur({ target: null });
    expect(onBlur).not.toHaveBeenCalled();
    document.body.dispatchEvent(new Event("pointerup", { bubbles: true }));
    await expect(done).resolves.toBe(true);
    expect(onBlur).toHaveBeenCalledOnce();
  });
});
