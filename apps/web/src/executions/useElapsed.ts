import { useEffect, useState } from "react";

/** Milliseconds since `startedAt`, ticking each second until `finished` (a clock for display, not a fetch loop). */
export function useElapsed(startedAt: string | null, finished: boolean, finalMs: number | null): number | null {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!startedAt || finished) return;
    setNow(Date.now());
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [startedAt, finished]);
  if (finished && finalMs !== null) return finalMs;
  if (!startedAt) return null;
  return Math.max(0, now - Date.parse(startedAt));
}
