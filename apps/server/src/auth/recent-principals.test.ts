import { describe, expect, it } from "vitest";
import type { Principal } from "./permissions.js";
import { RecentPrincipals, type Found } from "./recent-principals.js";

const owner: Principal = { kind: "user", userId: "u", workspaceId: "w", role: "owner", sessionHash: "h", sessionExpiresAt: Infinity };
const apiKey: Principal = { kind: "api-key", keyId: "k", workspaceId: "w" };

function withClock(ttlMs: number) {
  let now = 1_000_000;
  const recent = new RecentPrincipals(ttlMs, () => now);
  let checks = 0;
  /** Looks `hash` up; the database (counted in `checks`) answers `found`. */
  const lookup = (hash: string, found: Found | null = { principal: owner }) =>
    recent.lookup(hash, async () => {
      checks++;
      return found;
    });
  return { recent, lookup, checks: () => checks, advance: (ms: number) => (now += ms), now: () => now };
}

describe("RecentPrincipals", () => {
  it("believes a checked principal for ttlMs, then checks again", async () => {
    const { lookup, checks, advance } = withClock(1000);
    expect(await lookup("h")).toBe(owner);
    advance(999);
    expect(await lookup("h")).toBe(owner);
    expect(checks()).toBe(1);
    advance(1);
    await lookup("h");
    expect(checks()).toBe(2);
  });

  it("never past the session's own expiry", async () => {
    const { lookup, checks, advance, now } = withClock(1000);
    await lookup("h", { principal: owner, expiresAt: now() + 10 });
    advance(10);
    expect(await lookup("h", null)).toBeNull();
    expect(checks()).toBe(2);
  });

  it("never remembers a refusal", async () => {
    const { lookup, checks } = withClock(1000);
    expect(await lookup("h", null)).toBeNull();
    expect(await lookup("h", null)).toBeNull();
    expect(checks()).toBe(2);
  });

  it("forgets everything when who may do what changed, including a check under way then", async () => {
    const { recent, lookup, checks } = withClock(1000);
    await lookup("h");
    await lookup("k", { principal: apiKey });
    recent.forgetAll();
    expect(await lookup("h", null)).toBeNull();
    expect(await lookup("k", null)).toBeNull();
    // A check that read the session before a sign-out and answers after it: used once, not remembered.
    let answer!: (found: Found) => void;
    const racing = recent.lookup("late", () => new Promise<Found>((resolve) => (answer = resolve)));
    recent.forgetAll();
    answer({ principal: owner });
    expect(await racing).toBe(owner);
    const before = checks();
    expect(await lookup("late", null)).toBeNull();
    expect(checks()).toBe(before + 1);
  });

  it("remembers nothing with ttlMs 0", async () => {
    const { lookup, checks } = withClock(0);
    await lookup("h");
    await lookup("h");
    expect(checks()).toBe(2);
  });

  it("keeps at most 10 000, forgetting the one remembered longest ago", async () => {
    const { lookup, checks } = withClock(60_000);
    for (let i = 0; i <= 10_000; i++) await lookup(`h${i}`);
    const before = checks();
    await lookup("h1");
    await lookup("h10000");
    expect(checks()).toBe(before);
    await lookup("h0");
    expect(checks()).toBe(before + 1);
  });
});
