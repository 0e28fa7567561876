import { act, renderHook } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { useNextFireTimes } from "./useNextFireTimes.js";

describe("useNextFireTimes", () => {
  afterEach(() => vi.useRealTimers());

  it("works the list out again once its first time has passed (a cron in seconds)", () => {
    vi.useFakeTimers({ now: new Date("2026-12-07T10:00:00.200Z") });
    const { result } = renderHook(() => useNextFireTimes("*/2 * * * * *", "UTC", 3));
    expect(result.current.map((d) => d.toISOString())).toEqual(["2026-12-07T10:00:02.000Z", "2026-12-07T10:00:04.000Z", "2026-12-07T10:00:06.000Z"]);
    act(() => void vi.advanceTimersByTime(2_000));
    expect(result.current.map((d) => d.toISOString())).toEqual(["2026-12-07T10:00:04.000Z", "2026-12-07T10:00:06.000Z", "2026-12-07T10:00:08.000Z"]);
  });

  it("has none for an invalid or paused schedule", () => {
    expect(renderHook(() => useNextFireTimes(null, "UTC", 3)).result.current).toEqual([]);
    expect(renderHook(() => useNextFireTimes("99 * * * *", "UTC", 3)).result.current).toEqual([]);
  });
});
