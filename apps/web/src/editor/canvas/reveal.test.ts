import { describe, expect, it } from "vitest";
import { panToReveal, REVEAL_MARGIN as M } from "./reveal.js";

const area = { left: 0, top: 0, right: 600, bottom: 400 };
const card = (left: number, top: number) => ({ left, top, right: left + 240, bottom: top + 88 });
const controls = { left: 15, top: 300, right: 45, bottom: 385 };
const minimap = { left: 425, top: 285, right: 585, bottom: 385 };

describe("panToReveal", () => {
  it("leaves a card that is in view and clear alone", () => {
    expect(panToReveal(card(100, 100), area, [controls, minimap])).toEqual({ dx: 0, dy: 0 });
  });

  it("pans a card cut by an edge just far enough in, keeping the margin", () => {
    expect(panToReveal(card(500, 100), area, [])).toEqual({ dx: 600 - M - 740, dy: 0 });
    expect(panToReveal(card(100, -50), area, [])).toEqual({ dx: 0, dy: M + 50 });
  });

  it("moves a card off the zoom buttons or the minimap by the shortest way", () => {
    // Over the zoom buttons: a little to the right beats lifting it above them.
    expect(panToReveal(card(30, 250), area, [controls, minimap])).toEqual({ dx: 45 + M - 30, dy: 0 });
    // Over the minimap and cut at the bottom: in, then up above it.
    expect(panToReveal(card(300, 350), area, [controls, minimap])).toEqual({ dx: 0, dy: 285 - M - 438 });
  });

  it("gives up when the card can't fit at this zoom", () => {
    expect(panToReveal({ left: 0, top: 0, right: 700, bottom: 50 }, area, [])).toBeNull();
  });
});
