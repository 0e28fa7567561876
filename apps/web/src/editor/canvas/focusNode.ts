/**
 * Puts focus on a node of the canvas (React Flow makes each one focusable): where a keyboard user
 * goes back to when the panel they opened from it closes, instead of the page's body.
 */
export function focusNode(id: string): void {
  const node = [...document.querySelectorAll<HTMLElement>(".react-flow__node")].find((element) => element.dataset["id"] === id);
  node?.focus();
}
