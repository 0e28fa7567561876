/** A rectangle on the screen (client pixels). */
export interface ScreenRect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** The room kept between a revealed card and the canvas's edges or the things laid over it. */
export const REVEAL_MARGIN = 16;

function overlaps(a: ScreenRect, b: ScreenRect): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

function shifted(rect: ScreenRect, dx: number, dy: number): ScreenRect {
  return { left: rect.left + dx, right: rect.right + dx, top: rect.top + dy, bottom: rect.bottom + dy };
}

function inside(rect: ScreenRect, area: ScreenRect): boolean {
  return rect.left >= area.left && rect.right <= area.right && rect.top >= area.top && rect.bottom <= area.bottom;
}

/**
 * The smallest pan (in screen pixels) that puts `rect` inside `area` and clear of every
 * obstacle (the zoom buttons, the minimap, a bar laid over the canvas), with a margin; `{0, 0}`
 * when it already is, or null when no pan does (it doesn't fit: zoom out instead).
 */
export function panToReveal(rect: ScreenRect, area: ScreenRect, obstacles: readonly ScreenRect[]): { dx: number; dy: number } | null {
  const m = REVEAL_MARGIN;
  const safe = { left: area.left + m, top: area.top + m, right: area.right - m, bottom: area.bottom - m };
  if (rect.right - rect.left > safe.right - safe.left || rect.bottom - rect.top > safe.bottom - safe.top) return null;
  // Into the canvas first: the least move on each axis.
  const dx = rect.left < safe.left ? safe.left - rect.left : rect.right > safe.right ? safe.right - rect.right : 0;
  const dy = rect.top < safe.top ? safe.top - rect.top : rect.bottom > safe.bottom ? safe.bottom - rect.bottom : 0;
  const clear = (r: ScreenRect) => inside(r, safe) && obstacles.every((o) => !overlaps(r, o));
  if (clear(shifted(rect, dx, dy))) return { dx, dy };
  // Then off whichever obstacle is in the way, the shortest way that stays inside and clear of the others.
  const base = shifted(rect, dx, dy);
  const moves = obstacles
    .filter((o) => overlaps(base, o))
    .flatMap((o) => [
      { dx: 0, dy: o.top - m - base.bottom },
      { dx: 0, dy: o.bottom + m - base.top },
      { dx: o.left - m - base.right, dy: 0 },
      { dx: o.right + m - base.left, dy: 0 },
    ])
    .filter((move) => clear(shifted(base, move.dx, move.dy)))
    .sort((a, b) => Math.abs(a.dx) + Math.abs(a.dy) - (Math.abs(b.dx) + Math.abs(b.dy)));
  const best = moves[0];
  return best ? { dx: dx + best.dx, dy: dy + best.dy } : null;
}
