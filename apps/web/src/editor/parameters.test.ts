import { describe, expect, it } from "vitest";
import { defaultValues } from "./parameters.js";
import { btgIdConnector, httpConnector } from "./testing/fixtures.js";

describe("defaultValues", () => {
  it("starts lists that may be empty (headers, query) empty, and others with their first entry", () => {
    expect(defaultValues(httpConnector.operations[0]!.fields)).toEqual({
      method: "GET",
      query: [],
      headers: [],
      bodyType: "none",
      form: [],
      failOnErrorStatus: true,
      timeoutMs: 30000,
    });
    expect(defaultValues(btgIdConnector.operations[0]!.fields).authorizationDetails).toEqual([{ type: "", resource: "", locations: [], privileges: [] }]);
  });
});
