import { useLayoutEffect, useState, type RefObject } from "react";

/**
 * Whether the element's text is cut short by its box (a line clamp, a fixed height): measured
 * after each render that changes `content` and whenever the box changes size.
 */
export function useTextCut(ref: RefObject<HTMLElement | null>, content: unknown): boolean {
  const [cut, setCut] = useState(false);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => setCut(element.scrollHeight > element.clientHeight + 1 || element.scrollWidth > element.clientWidth + 1);
    measure();
    if (typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref, content]);
  return cut;
}
