import { FLOW_FILE_FORMAT, FlowExportSchema, type Connection, type FieldProblem, type FlowExport } from "@fluxo/contracts";

/** Far above any real flow (200 steps at most); a bigger file is not an export. */
export const MAX_FLOW_FILE_BYTES = 2 * 1024 * 1024;

/** Why a picked file can't be imported, each with what the person needs to know. */
export type FlowFileError =
  | { kind: "too-large"; maxMb: number }
  | { kind: "empty" }
  | { kind: "not-json"; detail: string }
  | { kind: "not-export" }
  | { kind: "other-format"; format: string }
  | { kind: "invalid"; issues: { path: string; message: string }[] };

export type ParsedFlowFile =
  | {
      ok: true;
      file: FlowExport;
      /** What the file says, as read: sent to the server as is, so its answer names the file's own paths. */
      raw: Record<string, unknown>;
    }
  | { ok: false; error: FlowFileError };

/** Reads and checks a file before anything is sent: not JSON, not an export, or a broken one each get their own message. */
export async function readFlowFile(file: Blob): Promise<ParsedFlowFile> {
  if (file.size > MAX_FLOW_FILE_BYTES) return { ok: false, error: { kind: "too-large", maxMb: MAX_FLOW_FILE_BYTES / 1024 / 1024 } };
  return parseFlowFile(await readText(file));
}

/** FileReader rather than Blob.text(): the same in every browser and in the test DOM. */
export function readText(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error("could not read the file"));
    reader.readAsText(blob);
  });
}

export function parseFlowFile(text: string): ParsedFlowFile {
  if (text.trim() === "") return { ok: false, error: { kind: "empty" } };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: { kind: "not-json", detail: error instanceof Error ? error.message : String(error) } };
  }
  if (typeof data !== "object" || data === null || Array.isArray(data) || !("format" in data)) return { ok: false, error: { kind: "not-export" } };
  const format = (data as { format: unknown }).format;
  if (format !== FLOW_FILE_FORMAT) {
    return typeof format === "string" && format.startsWith("fluxo.flow/")
      ? { ok: false, error: { kind: "other-format", format } }
      : { ok: false, error: { kind: "not-export" } };
  }
  const parsed = FlowExportSchema.safeParse(data);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 8).map((issue) => ({ path: issue.path.map(String).join(".") || "(arquivo)", message: issue.message }));
    return { ok: false, error: { kind: "invalid", issues } };
  }
  return { ok: true, file: parsed.data, raw: data as Record<string, unknown> };
}

/** Each connection the file names, preselected with this workspace's connection of the same connector and name (as the server would match it). */
export function suggestMapping(file: FlowExport, connections: readonly Pick<Connection, "id" | "name" | "connector">[]): Record<string, string> {
  const mapping: Record<string, string> = {};
  for (const ref of file.connections) {
    const match = connections.find((c) => c.connector === ref.connector && c.name === ref.name);
    if (match) mapping[ref.ref] = match.id;
  }
  return mapping;
}

/** The server's per-field problems, put where the dialog shows each thing they're about. */
export interface PlacedProblems {
  name?: string;
  /** By step index in the file. */
  steps: Record<number, string[]>;
  /** By the file's connection `ref`. */
  connections: Record<string, string>;
  /** Nothing to attach them to: shown together, with their path. */
  other: string[];
}

export function placeProblems(problems: readonly FieldProblem[], file: FlowExport): PlacedProblems {
  const placed: PlacedProblems = { steps: {}, connections: {}, other: [] };
  for (const problem of problems) {
    const path = problem.path;
    if (path === "file.name" || path === "name") {
      placed.name ??= problem.message;
      continue;
    }
    const mapped = /^connections\.(.+)$/.exec(path);
    if (mapped && file.connections.some((c) => c.ref === mapped[1])) {
      placed.connections[mapped[1]!] ??= problem.message;
      continue;
    }
    const listed = /^file\.connections\.(\d+)(?:\.|$)/.exec(path);
    const ref = listed ? file.connections[Number(listed[1])]?.ref : undefined;
    if (ref) {
      placed.connections[ref] ??= problem.message;
      continue;
    }
    const stepMatch = /^(?:file\.)?definition\.steps\.(\d+)(?:\.(.+))?$/.exec(path);
    const byId = problem.stepId ? file.definition.steps.findIndex((s) => s.id === problem.stepId) : -1;
    const index = byId >= 0 ? byId : stepMatch ? Number(stepMatch[1]) : -1;
    if (index >= 0 && index < file.definition.steps.length) {
      const where = problem.field ?? stepMatch?.[2];
      (placed.steps[index] ??= []).push(where ? `${where}: ${problem.message}` : problem.message);
      continue;
    }
    placed.other.push(`${path}: ${problem.message}`);
  }
  return placed;
}

export function hasProblems(placed: PlacedProblems): boolean {
  return placed.name !== undefined || Object.keys(placed.steps).length > 0 || Object.keys(placed.connections).length > 0 || placed.other.length > 0;
}

/** Saves JSON as a file through the browser's download (no server round trip: the data is already here). */
export function downloadJson(fileName: string, data: unknown): void {
  const blob = new Blob([`${JSON.stringify(data, null, 2)}\n`], { type: "application/json" });
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has the blob once the download starts; let the URL go a little later.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function exportFileName(file: Pick<FlowExport, "slug">): string {
  return `${file.slug ?? "fluxo"}.fluxo.json`;
}
