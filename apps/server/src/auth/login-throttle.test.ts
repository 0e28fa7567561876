import { describe, expect, it } from "vitest";
import { LoginThrottle, MemoryAttemptWindows } from "./login-throttle.js";

describe("LoginThrottle in memory", () => {
  const limits = { perAccount: 2, perAddress: 3, windowMs: 60_000 };

  it("takes attempts per account and per address, and says when the oldest leaves the window", async () => {
    let now = 1_000_000;
    const throttle = new LoginThrottle(new MemoryAttemptWindows(() => now), limits);
    expect((await throttle.take("a@x.test", "1.1.1.1")).taken).toBe(true);
    now += 10_000;
    expect((await throttle.take("A@x.test", "1.1.1.1")).taken).toBe(true);
    expect(await throttle.take("a@x.test", "2.2.2.2")).toMatchObject({ taken: false, retryAfter: 50 });
    expect((await throttle.take("b@x.test", "1.1.1.1")).taken).toBe(true);
    expect(await throttle.take("c@x.test", "1.1.1.1")).toMatchObject({ taken: false, retryAfter: 50 });
    now += 50_001;
    expect((await throttle.take("a@x.test", "3.3.3.3")).taken).toBe(true);
  });

  it("gives a right password's attempt back and starts the account over", async () => {
    const throttle = new LoginThrottle(new MemoryAttemptWindows(() => 0), limits);
    await throttle.take("a@x.test", "1.1.1.1");
    const right = await throttle.take("a@x.test", "1.1.1.1");
    if (!right.taken) throw new Error("expected the second attempt to be taken");
    await throttle.succeeded(right);
    expect((await throttle.take("a@x.test", "1.1.1.1")).taken).toBe(true);
    expect((await throttle.take("a@x.test", "1.1.1.1")).taken).toBe(true);
    // The address kept the first attempt, not the one given back: 3 in all.
    expect((await throttle.take("z@x.test", "1.1.1.1")).taken).toBe(false);
  });

  it("forgets accounts whose attempts all left the window", async () => {
    let now = 0;
    const windows = new MemoryAttemptWindows(() => now);
    const throttle = new LoginThrottle(windows, limits);
    for (let i = 0; i < 1000; i++) await throttle.take(`spray${i}@x.test`, `10.0.${i >> 8}.${i & 255}`);
    now += 60_001;
    await throttle.take("late@x.test", "9.9.9.9");
    expect(windows.size).toBe(2);
  });
});
