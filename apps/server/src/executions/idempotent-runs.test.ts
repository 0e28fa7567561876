import type { Request, Response } from "express";
import { describe, expect, it, vi } from "vitest";
import { startOnce, type IdempotentRuns } from "./idempotent-runs.js";

const request = (key?: string) => ({ get: (name: string) => (name.toLowerCase() === "idempotency-key" ? key : undefined), principal: { kind: "api-key" } }) as unknown as Request;
const response = () => ({ set: vi.fn() }) as unknown as Response;

describe("startOnce", () => {
  it("starts a call without an Idempotency-Key without working out the request's identity", async () => {
    const what = vi.fn(() => ["gateway", "slug"]);
    const runs = { run: vi.fn() } as unknown as IdempotentRuns;
    expect(await startOnce(runs, request(), response(), what, async () => ({ executionId: "e1" }))).toEqual({ executionId: "e1" });
    expect(what).not.toHaveBeenCalled();
    expect(runs.run).not.toHaveBeenCalled();
  });

  it("hands a keyed call's identity to the idempotent runs, worked out once", async () => {
    const what = vi.fn(() => ["gateway", "slug"]);
    const run = vi.fn(async (_request: { what: readonly unknown[] }, start: () => Promise<{ executionId: string }>) => ({ ...(await start()), replayed: false }));
    await startOnce({ run } as unknown as IdempotentRuns, request("k-1"), response(), what, async () => ({ executionId: "e2" }));
    expect(what).toHaveBeenCalledTimes(1);
    expect(run.mock.calls[0]![0].what).toEqual(["gateway", "slug"]);
  });
});
