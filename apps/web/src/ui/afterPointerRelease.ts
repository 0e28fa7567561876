/**
 * Runs `show` now, or — while a mouse button, pen or finger is pressed — once the press has
 * ended and the click it makes has been delivered.
 *
 * A field is left (blurred) on mouse-down, before the click: a validation message shown on
 * blur would push what was being clicked out from under the pointer between mouse-down and
 * mouse-up, and the click would land nowhere. Messages that appear on blur go through here.
 */
export function afterPointerRelease(show: () => void): void {
  if (!pressed) show();
  else waiting.push(show);
}

let pressed = false;
let waiting: (() => void)[] = [];

function release() {
  if (!pressed) return;
  pressed = false;
  // The click follows pointerup within the same task; a macrotask runs after it.
  setTimeout(() => {
    const due = waiting;
    waiting = [];
    for (const show of due) show();
  }, 0);
}

// Listening from the start, in the capture phase: a press must be known before the blur it causes.
if (typeof document !== "undefined") {
  document.addEventListener("pointerdown", () => (pressed = true), true);
  document.addEventListener("pointerup", release, true);
  document.addEventListener("pointercancel", release, true);
  // A press that turns into a drag ends without pointerup.
  document.addEventListener("dragend", release, true);
  window.addEventListener("blur", release);
}

/**
 * A react-hook-form registration whose blur (which validates, in "onTouched" mode, and may
 * show a message under the field) waits like `afterPointerRelease`, so a dialog growing by a
 * message doesn't move its buttons from under the click that left the field.
 */
export function deferBlur<R extends { onBlur(event: never): Promise<unknown> }>(registration: R): R {
  const onBlur = (event: Parameters<R["onBlur"]>[0]) =>
    new Promise((resolve) => afterPointerRelease(() => resolve(registration.onBlur(event))));
  return { ...registration, onBlur };
}
