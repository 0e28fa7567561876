import { describe, expect, it } from "vitest";
import { defaultValues } from "./parameters.js";
import { btgIdConnector, httpConnector } from "./testing/fixtures.js";

describe("defaultValues", () => {
  it("starts lists that may be empty (headers, query) empty, and others with their first entry", () => {
    const { default: _headersDefault, ...noDefault } = httpConnector.operations[0]!.fields.find((f) => f.key === "headers")!;
    expect(defaultValues([noDefault])).toEqual({ headers: [] });
    expect(defaultValues(httpConnector.operations[0]!.fields)).toEqual({
      method: "GET",
      query: [],
      headers: [],
      bodyType: "none",
      form: [],
      failOnErrorStatus: true,
      followRedirects: true,
      timeoutMs: 30000,
      pagination: { mode: "none" },
    });
    expect(defaultValues(btgIdConnector.operations[0]!.fields).authorizationDetails).toEqual([{ type: "", resource: "", locations: [], privileges: [] }]);
  });
});
