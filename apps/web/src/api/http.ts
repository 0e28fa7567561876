import type { Problem } from "@fluxo/contracts";
import i18n from "../i18n/index.js";
import { reportReachability } from "./connectivity.js";

export const SESSION_ENDED_EVENT = "fluxo:session-ended";

/** An API error answered as problem+json (or a network failure, with status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.detail || problem.title);
    this.name = "ApiError";
  }

  /** Per-field messages keyed by dotted path, ready for react-hook-form's setError. */
  fieldErrors(): Record<string, string> {
    return Object.fromEntries((this.problem.errors ?? []).map((e) => [e.path, e.message]));
  }
}

export async function api<T>(path: string, init: { method?: string; body?: unknown; signal?: AbortSignal } = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: init.method ?? "GET",
      // The server answers in the app's chosen language (the connector catalog; pt-BR when it has no other).
      headers: { accept: "application/json", "accept-language": i18n.language, ...(init.body === undefined ? {} : { "content-type": "application/json" }) },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: init.signal,
      credentials: "same-origin",
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === "AbortError") throw cause;
    reportReachability(false);
    throw new ApiError(0, { type: "about:blank", title: "network", status: 0, detail: "server unreachable" });
  }
  // A dev proxy answers 502/503/504 with an empty or HTML body when the API itself is down.
  const fromProxy = response.status >= 502 && response.status <= 504 && !isProblemResponse(response);
  reportReachability(!fromProxy);
  if (fromProxy) throw new ApiError(0, { type: "about:blank", title: "network", status: 0, detail: "server unreachable" });
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const data: unknown = text ? safeJson(text) : undefined;
  if (!response.ok) {
    // The session ended (expired, logged out elsewhere, membership removed): the auth gate shows the login again.
    if (response.status === 401 && !path.startsWith("/api/auth/")) window.dispatchEvent(new Event(SESSION_ENDED_EVENT));
    const problem = isProblem(data)
      ? data
      : { type: "about:blank", title: response.statusText, status: response.status, detail: text.slice(0, 500) };
    throw new ApiError(response.status, problem);
  }
  return data as T;
}

function isProblemResponse(response: Response): boolean {
  const type = response.headers.get("content-type") ?? "";
  return type.includes("json");
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function isProblem(value: unknown): value is Problem {
  return typeof value === "object" && value !== null && "title" in value && "status" in value;
}
