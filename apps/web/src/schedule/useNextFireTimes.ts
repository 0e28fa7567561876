import { nextFireTimes } from "@fluxo/contracts";
import { useEffect, useMemo, useState } from "react";

/**
 * A schedule's next `count` fire times, from now, kept current: when the first of them passes the
 * list is worked out again (a cron in seconds would otherwise show times already gone). None when
 * `cron` or `timezone` is null (invalid or paused).
 */
export function useNextFireTimes(cron: string | null, timezone: string | null, count: number): Date[] {
  const [now, setNow] = useState(() => Date.now());
  const times = useMemo(() => (cron && timezone ? nextFireTimes(cron, timezone, count, new Date(now)) : []), [cron, timezone, count, now]);
  const first = times[0]?.getTime();
  useEffect(() => {
    if (first === undefined) return;
    // Never from before `first`: a timer that fired early would otherwise leave the same list up for good.
    const timer = setTimeout(() => setNow(Math.max(Date.now(), first + 1)), Math.max(0, first - Date.now()) + 50);
    return () => clearTimeout(timer);
  }, [first]);
  return times;
}
