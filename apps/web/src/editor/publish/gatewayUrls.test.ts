import { describe, expect, it } from "vitest";
import { gatewayUrls } from "./gatewayUrls.js";

describe("gatewayUrls", () => {
  it("builds the async and sync URLs and a curl call with the key from the environment", () => {
    const urls = gatewayUrls("https://fluxo.example", "obter-token");
    expect(urls.async).toBe("https://fluxo.example/gateway/flows/obter-token");
    expect(urls.sync).toBe("https://fluxo.example/gateway/flows/obter-token/sync");
    expect(urls.curl).toContain('-H "Authorization: Bearer $FLUXO_API_KEY"');
  });
});
