import type { TriggerInput } from "@fluxo/contracts";

/**
 * The flow's gateway URLs and a curl call of the sync one, for the page's origin. The call
 * sends `sample` (the input of a run that worked: its body and query) when there is one, so
 * it can be pasted as it is; without one it sends `{}`.
 */
export function gatewayUrls(origin: string, slug: string, sample: Pick<TriggerInput, "body" | "query_params"> | null = null): { async: string; sync: string; curl: string } {
  const base = `${origin}/gateway/flows/${encodeURIComponent(slug)}`;
  const sync = `${base}/sync`;
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(sample?.query_params ?? {})) for (const one of [value].flat()) query.append(name, one);
  const target = query.size > 0 ? `${sync}?${query}` : sync;
  const body = sample ? sample.body : {};
  const lines = [`curl -X POST ${shellQuote(target)}`, `  -H "Authorization: Bearer $FLUXO_API_KEY"`];
  if (typeof body === "string") lines.push(`  -H "content-type: text/plain"`, `  --data-raw ${shellQuote(body)}`);
  else if (body !== null && body !== undefined) lines.push(`  -H "content-type: application/json"`, `  -d ${shellQuote(JSON.stringify(body))}`);
  return { async: base, sync, curl: lines.join(" \\\n") };
}

/** One shell word, whatever it holds: single quotes, each ' written as '\''. */
function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}
