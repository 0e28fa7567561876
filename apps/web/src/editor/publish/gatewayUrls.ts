/** The flow's gateway URLs and a curl call of the sync one, for the page's origin. */
export function gatewayUrls(origin: string, slug: string): { async: string; sync: string; curl: string } {
  const base = `${origin}/gateway/flows/${encodeURIComponent(slug)}`;
  const sync = `${base}/sync`;
  const curl = [`curl -X POST "${sync}"`, `  -H "Authorization: Bearer $FLUXO_API_KEY"`, `  -H "content-type: application/json"`, `  -d '{}'`].join(" \\\n");
  return { async: base, sync, curl };
}
