import { describe, expect, it } from "vitest";
import type { Principal } from "./permissions.js";
import { RecentPrincipals } from "./recent-principals.js";

const owner: Principal = { kind: "user", userId: "u", workspaceId: "w", role: "owner", sessionHash: "h" };

function withClock(ttlMs: number) {
  let now = 1_000_000;
  const recent = new RecentPrincipals(ttlMs, () => now);
  return { recent, advance: (ms: number) => (now += ms), now: () => now };
}

describe("RecentPrincipals", () => {
  it("believes a checked principal for ttlMs, then asks again", () => {
    const { recent, advance } = withClock(1000);
    recent.remember("h", owner);
    advance(999);
    expect(recent.get("h")).toBe(owner);
    advance(1);
    expect(recent.get("h")).toBeUndefined();
  });

  it("never past the session's own expiry", () => {
    const { recent, advance, now } = withClock(1000);
    recent.remember("h", owner, now() + 10);
    advance(10);
    expect(recent.get("h")).toBeUndefined();
  });

  it("forgets everything when who may do what changed", () => {
    const { recent } = withClock(1000);
    recent.remember("h", owner);
    recent.remember("k", { kind: "api-key", keyId: "k", workspaceId: "w" });
    recent.forgetAll();
    expect(recent.get("h")).toBeUndefined();
    expect(recent.get("k")).toBeUndefined();
  });

  it("remembers nothing with ttlMs 0", () => {
    const { recent } = withClock(0);
    expect(recent.remember("h", owner)).toBe(owner);
    expect(recent.get("h")).toBeUndefined();
  });

  it("keeps at most 10 000, forgetting the one remembered longest ago", () => {
    const { recent } = withClock(60_000);
    for (let i = 0; i <= 10_000; i++) recent.remember(`h${i}`, owner);
    expect(recent.get("h0")).toBeUndefined();
    expect(recent.get("h1")).toBe(owner);
    expect(recent.get("h10000")).toBe(owner);
  });
});
