import { describe, expect, it } from "vitest";
import { redactHeaders } from "../src/index.js";
import { secretScrubber } from "../src/sdk/redact.js";

describe("redactHeaders", () => {
  it("hides credentials whatever their case, keeps the rest", () => {
    expect(
      redactHeaders({
        Authorization: "Basic abc",
        "proxy-authorization": "Bearer x",
        Cookie: "sid=1",
        "SET-COOKIE": "sid=2",
        "X-Client-Secret": "s",
        "x-access-token": "t",
        "X-Api-Key": "k",
        "Content-Type": "application/json",
        Accept: "application/json",
      }),
    ).toStrictEqual({
      Authorization: "[redacted]",
      "proxy-authorization": "[redacted]",
      Cookie: "[redacted]",
      "SET-COOKIE": "[redacted]",
      "X-Client-Secret": "[redacted]",
      "x-access-token": "[redacted]",
      "X-Api-Key": "[redacted]",
      "Content-Type": "application/json",
      Accept: "application/json",
    });
  });

  it("does not modify its argument", () => {
    const headers = { authorization: "Basic abc" };
    redactHeaders(headers);
    expect(headers.authorization).toBe("Basic abc");
  });
});

describe("secretScrubber", () => {
  it("replaces every occurrence of each secret, longest first", () => {
    const scrub = secretScrubber(["s3cret", "s3cret-and-more", undefined, "ab"]);
    expect(scrub("x s3cret-and-more y s3cret z s3cret ab")).toBe("x [redacted] y [redacted] z [redacted] ab");
  });
});

describe("secretScrubber on a text cut short", () => {
  it("masks the beginning of a secret a '…' cut through", () => {
    const scrub = secretScrubber(["eyJhbGciOiJSUzI1NiJ9.claims.signature"]);
    expect(scrub("you sent Bearer eyJhbGciOiJSUzI1…")).toBe("you sent Bearer [redacted]…");
    expect(scrub("you sent Bearer eyJh…")).toBe("you sent Bearer eyJh…"); // too short to say
    expect(scrub("no secret here…")).toBe("no secret here…");
    expect(scrub("quoted: eyJhbGciOiJSUzI1NiJ9.cla…. Confira.")).toBe("quoted: [redacted]…. Confira.");
  });
});
