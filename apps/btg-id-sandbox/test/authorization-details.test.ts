import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startSandbox } from "../src/index.js";
import type { Sandbox } from "../src/index.js";
import { demoBasic, postToken } from "./helpers.js";

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

const ok = { type: "account", resource: "accounts", locations: ["https://api.example"], privileges: ["read"] };

const violations: Array<[string, unknown, string]> = [
  ["text that is not JSON", "[{type:", "authorization_details must be the JSON text of an array; it is not valid JSON"],
  ["a JSON object instead of an array", { type: "account" }, "authorization_details must be a JSON array"],
  ["a JSON string", "\"account\"", "authorization_details must be a JSON array"],
  ["an entry that is a number", [ok, 5], "authorization_details[1] must be an object"],
  ["an entry that is null", [null], "authorization_details[0] must be an object"],
  ["an entry that is an array", [ok, ok, []], "authorization_details[2] must be an object"],
  ["an entry without type", [ok, { locations: ["x"] }], "authorization_details[1].type must be a non-empty string"],
  ["an empty type", [{ type: "" }], "authorization_details[0].type must be a non-empty string"],
  ["a numeric type", [{ type: 7 }], "authorization_details[0].type must be a non-empty string"],
  ["locations as a string", [ok, { type: "a", locations: "x" }], "authorization_details[1].locations must be an array of strings"],
  ["locations holding a number", [{ type: "a", locations: ["x", 1] }], "authorization_details[0].locations must be an array of strings"],
  ["privileges as an object", [{ type: "a", privileges: { read: true } }], "authorization_details[0].privileges must be an array of strings"],
  ["privileges holding null", [ok, { type: "a", privileges: [null] }], "authorization_details[1].privileges must be an array of strings"],
  ["resource as a number", [{ type: "a", resource: 5 }], "authorization_details[0].resource must be a string"],
  ["resource as null", [ok, { type: "a", resource: null }], "authorization_details[1].resource must be a string"],
  ["resource as an array", [{ type: "a", resource: ["accounts"] }], "authorization_details[0].resource must be a string"],
  ["actions as a string (RFC 9396 §2.2)", [{ type: "a", actions: "read" }], "authorization_details[0].actions must be an array of strings"],
  ["datatypes holding numbers (RFC 9396 §2.2)", [{ type: "a", datatypes: [1] }], "authorization_details[0].datatypes must be an array of strings"],
  ["identifier as a number (RFC 9396 §2.2)", [{ type: "a", identifier: 1 }], "authorization_details[0].identifier must be a string"],
];

describe("authorization_details validation", () => {
  // A string case is sent as raw text; anything else is sent as its JSON.
  it.each(violations)("refuses %s with 400 invalid_authorization_details", async (_name, value, description) => {
    const text = typeof value === "string" ? value : JSON.stringify(value);
    const answer = await postToken(sandbox, {
      headers: demoBasic,
      form: { grant_type: "client_credentials", authorization_details: text },
    });
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({ error: "invalid_authorization_details", error_description: description });
    expect(answer.headers.get("cache-control")).toBe("no-store");
    expect(sandbox.stats()).toMatchObject({ tokensIssued: 0, errors: { invalid_authorization_details: 1 } });
  });

  it("accepts empty arrays for the array fields and keeps unknown fields", async () => {
    const requested = [{ type: "a", locations: [], privileges: [], resource: "", extra: { any: ["thing", 1] } }];
    const answer = await postToken(sandbox, {
      headers: demoBasic,
      form: { grant_type: "client_credentials", authorization_details: JSON.stringify(requested) },
    });
    expect(answer.status).toBe(200);
    expect(answer.json?.authorization_details).toEqual(requested);
  });
});
