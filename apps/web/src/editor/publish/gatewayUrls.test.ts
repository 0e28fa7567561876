import { describe, expect, it } from "vitest";
import { gatewayUrls } from "./gatewayUrls.js";

describe("gatewayUrls", () => {
  it("builds the async and sync URLs and a curl call with the key from the environment", () => {
    const urls = gatewayUrls("https://fluxo.example", "obter-token");
    expect(urls.async).toBe("https://fluxo.example/gateway/flows/obter-token");
    expect(urls.sync).toBe("https://fluxo.example/gateway/flows/obter-token/sync");
    expect(urls.curl).toContain('-H "Authorization: Bearer $FLUXO_API_KEY"');
    expect(urls.curl).toContain("-d '{}'");
  });

  it("sends a successful run's body and query, quoted for the shell", () => {
    const urls = gatewayUrls("https://fluxo.example", "saldo", { body: { account: "accounts/123", note: "it's" }, query_params: { tag: ["a", "b"], page: "1" } });
    expect(urls.curl).toBe(
      [
        "curl -X POST 'https://fluxo.example/gateway/flows/saldo/sync?tag=a&tag=b&page=1'",
        '  -H "Authorization: Bearer $FLUXO_API_KEY"',
        '  -H "content-type: application/json"',
        `  -d '{"account":"accounts/123","note":"it'\\''s"}'`,
      ].join(" \\\n"),
    );
  });

  it("sends a text body as text, and no body when the run had none", () => {
    expect(gatewayUrls("https://f.example", "x", { body: "olá", query_params: {} }).curl).toContain(`-H "content-type: text/plain" \\\n  --data-raw 'olá'`);
    const none = gatewayUrls("https://f.example", "x", { body: null, query_params: {} }).curl;
    expect(none).not.toContain("-d");
    expect(none).not.toContain("content-type");
  });
});
