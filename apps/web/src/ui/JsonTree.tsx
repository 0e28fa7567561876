import { useState } from "react";
import { useTranslation } from "react-i18next";
import { CopyButton } from "./CopyButton.js";
import { ChevronRightIcon } from "./icons.js";

export interface JsonTreeProps {
  value: unknown;
  /** Names the viewer for assistive technology, e.g. "Saída do passo". */
  label?: string;
  /** Objects and arrays nested up to this depth start open. */
  expandDepth?: number;
  copyable?: boolean;
}

/** A read-only, collapsible JSON viewer with a button that copies the whole value. */
export function JsonTree({ value, label, expandDepth = 2, copyable = true }: JsonTreeProps) {
  const { t } = useTranslation("common");
  return (
    <div className="json-tree" role="group" aria-label={label ?? t("ui.json")}>
      {copyable && (
        <div className="json-tree__toolbar">
          <CopyButton value={() => JSON.stringify(value, null, 2) ?? "undefined"} label={t("ui.copyJson")} />
        </div>
      )}
      <ul>
        <JsonNode value={value} depth={0} expandDepth={expandDepth} />
      </ul>
    </div>
  );
}

function JsonNode({ name, value, depth, expandDepth }: { name?: string; value: unknown; depth: number; expandDepth: number }) {
  const { t } = useTranslation("common");
  const [open, setOpen] = useState(depth < expandDepth);
  const keyLabel = name !== undefined && (
    <>
      <span className="json-tree__key">{name}</span>:{" "}
    </>
  );

  if (value === null || typeof value !== "object") {
    return (
      <li>
        {keyLabel}
        <JsonScalar value={value} />
      </li>
    );
  }

  const isArray = Array.isArray(value);
  const entries: [string, unknown][] = isArray ? value.map((item, index) => [String(index), item]) : Object.entries(value);
  const [openBracket, closeBracket] = isArray ? ["[", "]"] : ["{", "}"];
  if (entries.length === 0) {
    return (
      <li>
        {keyLabel}
        <span className="json-tree__summary">{openBracket + closeBracket}</span>
      </li>
    );
  }

  const summary = isArray ? t("ui.jsonItems", { count: entries.length }) : t("ui.jsonKeys", { count: entries.length });
  return (
    <li>
      <button type="button" className="json-tree__toggle" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        <ChevronRightIcon />
        {keyLabel}
        <span className="json-tree__summary">
          {openBracket}
          {!open && ` ${summary} ${closeBracket}`}
        </span>
      </button>
      {open && (
        <>
          <ul>
            {entries.map(([key, item]) => (
              <JsonNode key={key} name={key} value={item} depth={depth + 1} expandDepth={expandDepth} />
            ))}
          </ul>
          <span className="json-tree__summary">{closeBracket}</span>
        </>
      )}
    </li>
  );
}

function JsonScalar({ value }: { value: unknown }) {
  if (typeof value === "string") return <span className="json-tree__string">{JSON.stringify(value)}</span>;
  if (typeof value === "number") return <span className="json-tree__number">{String(value)}</span>;
  if (typeof value === "boolean") return <span className="json-tree__boolean">{String(value)}</span>;
  if (value === null) return <span className="json-tree__null">null</span>;
  return <span className="json-tree__null">{String(value)}</span>;
}
