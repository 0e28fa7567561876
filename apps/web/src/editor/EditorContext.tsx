import type { Connection, ConnectorMeta } from "@fluxo/contracts";
import { createContext, useContext } from "react";
import type { RunState } from "../executions/runState.js";
import type { StepIssue } from "./validation.js";

/** What the canvas nodes and the side panel read besides the store: server data and derived state. */
export interface EditorContextValue {
  connectors: readonly ConnectorMeta[];
  /** All connections, undefined while loading. */
  connections: readonly Connection[] | undefined;
  /** Client-side and server problems, by step id. */
  issuesByStep: Readonly<Record<string, readonly StepIssue[]>>;
  /** The execution painted on the canvas, if any. */
  run: RunState | null;
  /** True while an execution is shown: the canvas can't be edited. */
  readOnly: boolean;
}

export const EditorContext = createContext<EditorContextValue | null>(null);

export function useEditorContext(): EditorContextValue {
  const value = useContext(EditorContext);
  if (!value) throw new Error("useEditorContext needs an <EditorContext.Provider>");
  return value;
}

export function useConnectorMeta(key: string): ConnectorMeta | undefined {
  return useEditorContext().connectors.find((c) => c.key === key);
}
