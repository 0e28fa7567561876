import { fieldText, ref, stepMessage, type StepMessageRef } from "@fluxo/contracts";
import type { StepResult } from "@fluxo/contracts";
import { StepError } from "../sdk/errors.js";
import type { Pagination } from "./request-fields.js";
import { sendRequest, type OutgoingRequest, type RequestContext, type SendOptions } from "./send-request.js";

/**
 * Sends the request, and with pagination every following page, until a page has no items
 * or (next-url) no next URL. The result's body is every page's items in one list; its code
 * and headers are the last page's. Each page is one recorded exchange ("Página N").
 */
export async function sendWithPagination(ctx: RequestContext, request: OutgoingRequest, options: SendOptions, label?: string): Promise<StepResult> {
  const pagination = request.pagination;
  if (pagination.mode === "none") return (await sendRequest(ctx, request, options, label)).result;

  const items: unknown[] = [];
  let url = request.url;
  const seen = new Set<string>();
  for (let page = 1; ; page++) {
    if (page > pagination.maxPages) {
      throw new StepError({
        kind: "invalid_parameters",
        ...stepMessage("http.pagination.too_many_pages", { max: pagination.maxPages }),
        fields: [{ path: "pagination.maxPages", message: fieldText("http.field.more_pages", { max: pagination.maxPages }) }],
      });
    }
    const pageRequest: OutgoingRequest =
      pagination.mode === "page"
        ? { ...request, query: [...request.query.filter((entry) => entry.name !== pagination.parameter), { name: pagination.parameter!, value: String(pagination.start + page - 1) }] }
        : { ...request, url, query: page === 1 ? request.query : [] };
    const answer = await sendRequest(ctx, pageRequest, options, `${label ? `${label}, p` : "P"}ágina ${page}`);
    const pageItems = itemsOf(ctx, pagination, answer.result, page);
    items.push(...pageItems);
    if (pageItems.length === 0) return { ...answer.result, body: items };
    if (pagination.mode === "page") continue;

    const next = nextUrl(ctx, pagination, answer.result, answer.url);
    if (!next) return { ...answer.result, body: items };
    if (seen.has(next) || next === answer.url) {
      throw new StepError({ kind: "invalid_response", ...stepMessage("http.pagination.repeated_page", { page, path: new URL(next).pathname }) });
    }
    seen.add(answer.url);
    url = next;
  }
}

function itemsOf(ctx: RequestContext, pagination: Pagination, response: StepResult, page: number): unknown[] {
  const value = ctx.evaluate("pagination.items", pagination.items, { response: plain(response) });
  if (value === null || value === undefined || value === "") return [];
  if (Array.isArray(value)) return value;
  throw new StepError({
    kind: "expression",
    ...stepMessage("http.pagination.items_not_list", { page, value: describe(value), example: "{{ .response.body.items }}" }),
    fields: [{ path: "pagination.items", message: fieldText("http.field.expects_list") }],
  });
}

function nextUrl(ctx: RequestContext, pagination: Pagination, response: StepResult, current: string): string | null {
  const value = ctx.evaluate("pagination.next", pagination.next, { response: plain(response) });
  if (value === null || value === undefined || (typeof value === "string" && value.trim() === "")) return null;
  if (typeof value !== "string") {
    throw new StepError({ kind: "expression", ...stepMessage("http.pagination.next_not_text", { value: describe(value) }), fields: [{ path: "pagination.next", message: fieldText("http.field.expects_text") }] });
  }
  let next: URL;
  try {
    next = new URL(value.trim(), current);
  } catch {
    throw new StepError({ kind: "expression", ...stepMessage("http.pagination.next_not_url", { value: value.slice(0, 200) }), fields: [{ path: "pagination.next", message: fieldText("http.field.not_an_address") }] });
  }
  if (next.protocol !== "http:" && next.protocol !== "https:") {
    throw new StepError({ kind: "refused", ...stepMessage("http.pagination.next_scheme", { scheme: next.protocol }) });
  }
  return next.toString();
}

function plain(result: StepResult): { code: number; headers: Record<string, string>; body: unknown } {
  return { code: result.code, headers: result.headers, body: result.body };
}

function describe(value: unknown): StepMessageRef {
  if (typeof value === "object" && value !== null) return ref("value.object");
  return ref(typeof value === "string" ? "value.text" : "value.other", { json: JSON.stringify(value).slice(0, 80) });
}
