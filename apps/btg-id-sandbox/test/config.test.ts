import { describe, expect, it } from "vitest";
import { DEMO_CLIENT, SandboxConfigError, parseEnv } from "../src/index.js";

function envError(env: Record<string, string>): string {
  try {
    parseEnv(env);
  } catch (err) {
    expect(err).toBeInstanceOf(SandboxConfigError);
    return (err as Error).message;
  }
  throw new Error("parseEnv accepted an invalid environment");
}

describe("parseEnv", () => {
  it("applies the standalone defaults: 127.0.0.1:3100, the demo client, no latency, 24 h tokens", () => {
    expect(parseEnv({})).toEqual({ port: 3100, host: "127.0.0.1" });
    expect(DEMO_CLIENT).toEqual({ clientId: "demo-client", clientSecret: "demo-secret" });
  });

  it("treats empty variables as unset", () => {
    expect(parseEnv({ BTG_SANDBOX_PORT: "", BTG_SANDBOX_CLIENTS: "", BTG_SANDBOX_TOKEN_TTL: "" })).toEqual({
      port: 3100,
      host: "127.0.0.1",
    });
  });

  it("reads every variable", () => {
    expect(
      parseEnv({
        BTG_SANDBOX_PORT: "0",
        BTG_SANDBOX_HOST: "0.0.0.0",
        BTG_SANDBOX_CLIENTS: "a:one, b:two:with:colons",
        BTG_SANDBOX_LATENCY_MS: "150",
        BTG_SANDBOX_TOKEN_TTL: "3600",
        UNRELATED: "x",
      }),
    ).toEqual({
      port: 0,
      host: "0.0.0.0",
      clients: [
        { clientId: "a", clientSecret: "one" },
        { clientId: "b", clientSecret: "two:with:colons" },
      ],
      latencyMs: 150,
      tokenTtlSeconds: 3600,
    });
  });

  it("reads the Authorization Code settings", () => {
    expect(
      parseEnv({
        BTG_SANDBOX_REFRESH_TOKEN_TTL: "120",
        BTG_SANDBOX_CODE_TTL: "30",
        BTG_SANDBOX_REDIRECT_URIS: "https://fluxo.example.com/api/oauth/callback, http://fluxo:3000/api/oauth/callback",
        BTG_SANDBOX_STRICT_GRANTS: "true",
      }),
    ).toEqual({
      port: 3100,
      host: "127.0.0.1",
      refreshTokenTtlSeconds: 120,
      codeTtlSeconds: 30,
      redirectUris: ["https://fluxo.example.com/api/oauth/callback", "http://fluxo:3000/api/oauth/callback"],
      strictGrants: true,
    });
    expect(parseEnv({ BTG_SANDBOX_STRICT_GRANTS: "0" }).strictGrants).toBe(false);
    expect(parseEnv({ BTG_SANDBOX_STRICT_GRANTS: "" })).not.toHaveProperty("strictGrants");
  });

  it.each([
    ["BTG_SANDBOX_STRICT_GRANTS", "yes", /must be true or false/],
    ["BTG_SANDBOX_CODE_TTL", "601", /from 1 to 600/],
    ["BTG_SANDBOX_REFRESH_TOKEN_TTL", "0", /from 1 to/],
    ["BTG_SANDBOX_REDIRECT_URIS", "not-a-url", /entry "not-a-url" must be an absolute URL/],
    ["BTG_SANDBOX_REDIRECT_URIS", "https://a.example/cb#frag", /must not have a fragment/],
    ["BTG_SANDBOX_REDIRECT_URIS", "ftp://a.example/cb", /must use http or https/],
  ])("names %s=%j and what is wrong", (name, value, reason) => {
    const message = envError({ [name]: value });
    expect(message).toContain(name);
    expect(message).toMatch(reason);
  });

  it.each([
    ["BTG_SANDBOX_PORT", "abc"],
    ["BTG_SANDBOX_PORT", "70000"],
    ["BTG_SANDBOX_PORT", "31.5"],
    ["BTG_SANDBOX_PORT", "-1"],
    ["BTG_SANDBOX_LATENCY_MS", "-5"],
    ["BTG_SANDBOX_LATENCY_MS", "1e3"],
    ["BTG_SANDBOX_LATENCY_MS", "999999999"],
    ["BTG_SANDBOX_TOKEN_TTL", "0"],
    ["BTG_SANDBOX_TOKEN_TTL", "1 day"],
    ["BTG_SANDBOX_HOST", "two words"],
  ])("names %s and shows its value %j when it is invalid", (name, value) => {
    const message = envError({ [name]: value });
    expect(message).toContain(name);
    expect(message).toContain(JSON.stringify(value));
  });

  it.each([
    ["no colon", "just-an-id", /entry 1 must look like id:secret/],
    ["an empty secret", "a:s3cret-one,b:", /entry 2 must look like id:secret/],
    ["an empty id", ":s3cret-one", /entry 1 must look like id:secret/],
    ["an empty entry", "a:s3cret-one,,b:x", /entry 2 must look like id:secret/],
    ["a repeated id", "a:s3cret-one,a:s3cret-two", /entry 2 repeats client id "a"/],
  ])("refuses BTG_SANDBOX_CLIENTS with %s, without echoing secrets", (_name, value, reason) => {
    const message = envError({ BTG_SANDBOX_CLIENTS: value });
    expect(message).toContain("BTG_SANDBOX_CLIENTS");
    expect(message).toMatch(reason);
    expect(message).not.toContain("s3cret");
  });

  it("names every invalid variable at once", () => {
    const message = envError({ BTG_SANDBOX_PORT: "x", BTG_SANDBOX_TOKEN_TTL: "y", BTG_SANDBOX_LATENCY_MS: "10" });
    expect(message).toContain("BTG_SANDBOX_PORT");
    expect(message).toContain("BTG_SANDBOX_TOKEN_TTL");
    expect(message).not.toContain("BTG_SANDBOX_LATENCY_MS");
  });
});
