import { describe, expect, it } from "vitest";
import { RateLimiter } from "./rate-limiter.js";

describe("gateway rate limiter", () => {
  it("lets `perMinute` calls through per key, then says how long to wait", () => {
    let now = 1_000_000;
    const limiter = new RateLimiter(2, () => now);
    expect([limiter.take("a"), limiter.take("a"), limiter.take("b")]).toEqual([0, 0, 0]);
    now += 15_000;
    expect(limiter.take("a")).toBe(45);
    now += 45_000;
    expect(limiter.take("a")).toBe(0);
  });
});
