import { describe, expect, it } from "vitest";
import { MIN_CANVAS_WIDTH, panelLayout } from "./usePanelWidth.js";

const canvas = (windowWidth: number, layout: ReturnType<typeof panelLayout>) => windowWidth - layout.palette.width - layout.side.width;

describe("panelLayout: the palette and the side panel leave the canvas its minimum", () => {
  it("at 1280 with both asked at their widest, the side panel gives way so the canvas keeps 480 px", () => {
    const layout = panelLayout(1280, { palette: 360, side: 800 });
    expect(layout).toEqual({ palette: { width: 360, max: 360 }, side: { width: 440, max: 440 } });
    expect(canvas(1280, layout)).toBe(MIN_CANVAS_WIDTH);
  });

  it("each handle stops where the canvas would get narrower beside the other panel as it is", () => {
    // Side panel at its widest first: the palette can't grow past what is left.
    expect(panelLayout(1280, { side: 800 })).toEqual({ palette: { width: 220, max: 220 }, side: { width: 580, max: 580 } });
    // Nothing resized yet: the stylesheet's widths (220; 30 % of the window between 320 and 420).
    expect(panelLayout(1280, {})).toEqual({ palette: { width: 220, max: 360 }, side: { width: 384, max: 580 } });
    expect(panelLayout(1920, {})).toEqual({ palette: { width: 220, max: 360 }, side: { width: 420, max: 800 } });
  });

  it("a narrower window shrinks the side panel, then the palette, each to its minimum", () => {
    expect(panelLayout(1100, { palette: 300, side: 600 })).toEqual({ palette: { width: 300, max: 300 }, side: { width: 320, max: 320 } });
    const narrow = panelLayout(1000, { palette: 300, side: 600 });
    expect(narrow).toEqual({ palette: { width: 200, max: 200 }, side: { width: 320, max: 320 } });
    expect(canvas(1000, narrow)).toBe(MIN_CANVAS_WIDTH);
    // Under both minimums plus the canvas's, the panels stay at their minimums.
    expect(panelLayout(900, { palette: 300, side: 600 })).toEqual({ palette: { width: 180, max: 180 }, side: { width: 320, max: 320 } });
  });

  it("keeps asked widths within each panel's own bounds", () => {
    expect(panelLayout(2560, { palette: 999, side: 50 })).toEqual({ palette: { width: 360, max: 360 }, side: { width: 320, max: 800 } });
  });
});
