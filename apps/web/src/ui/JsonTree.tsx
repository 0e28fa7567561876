import { memo, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "./Button.js";
import { CopyButton } from "./CopyButton.js";
import { ChevronRightIcon } from "./icons.js";

export interface JsonTreeProps {
  value: unknown;
  /** Names the viewer for assistive technology, e.g. "Saída do passo". */
  label?: string;
  /** Objects and arrays nested up to this depth start open (unless large, see below). */
  expandDepth?: number;
  copyable?: boolean;
}

/** Children of an open object or list shown at first, and added per "Mostrar mais". */
export const JSON_TREE_PAGE = 50;
/** An object or list with more children than this starts closed, at any depth but the top. */
export const JSON_TREE_MANY = 100;
/** Rows the tree may open by itself: beyond them, nodes within `expandDepth` start closed too. */
export const JSON_TREE_OPEN_ROWS = 300;

/**
 * A read-only, collapsible JSON viewer with a button that copies the whole value. However large
 * the value (an API's 5 MB list), opening it renders a bounded number of rows: a node shows its
 * first {@link JSON_TREE_PAGE} children and a "Mostrar mais" button, a large one starts closed,
 * and what opens by itself stops at {@link JSON_TREE_OPEN_ROWS} rows. Copying takes the whole value.
 */
export function JsonTree({ value, label, expandDepth = 2, copyable = true }: JsonTreeProps) {
  const { t } = useTranslation("common");
  const initiallyOpen = useMemo(() => openAtFirst(value, expandDepth), [value, expandDepth]);
  return (
    <div className="json-tree" role="group" aria-label={label ?? t("ui.json")}>
      {copyable && (
        <div className="json-tree__toolbar">
          <CopyButton value={() => JSON.stringify(value, null, 2) ?? "undefined"} label={t("ui.copyJson")} />
        </div>
      )}
      <ul>
        <JsonNode value={value} path="" initiallyOpen={initiallyOpen} />
      </ul>
    </div>
  );
}

type Branch = object;

const isBranch = (value: unknown): value is Branch => value !== null && typeof value === "object";

/** How many children an object or list has: a list's length costs nothing, an object's keys are counted once per shown node. */
function childCount(value: Branch): number {
  return Array.isArray(value) ? value.length : Object.keys(value).length;
}

/** The first `count` children of an object or list, as [name, value] pairs: only those are read. */
function firstChildren(value: Branch, count: number): [string, unknown][] {
  if (Array.isArray(value)) return value.slice(0, count).map((item, index) => [String(index), item]);
  const record = value as Record<string, unknown>;
  return Object.keys(record)
    .slice(0, count)
    .map((key) => [key, record[key]]);
}

const childPath = (path: string, key: string) => `${path}\u0000${key}`;

/**
 * The nodes that start open, by path: breadth first within `expandDepth`, leaving closed a node
 * with many children (except the top one, which shows its first page) and any whose rows would go
 * over the budget. Visits only rows that will be shown, so its work is bounded as well.
 */
function openAtFirst(value: unknown, expandDepth: number): Set<string> {
  const open = new Set<string>();
  let rows = 1;
  let level: { value: unknown; path: string }[] = [{ value, path: "" }];
  for (let depth = 0; depth < expandDepth && level.length > 0; depth++) {
    const next: typeof level = [];
    for (const node of level) {
      if (!isBranch(node.value)) continue;
      const count = childCount(node.value);
      if (count === 0 || (depth > 0 && count > JSON_TREE_MANY)) continue;
      const shown = Math.min(count, JSON_TREE_PAGE);
      if (depth > 0 && rows + shown > JSON_TREE_OPEN_ROWS) continue;
      open.add(node.path);
      rows += shown;
      for (const [key, child] of firstChildren(node.value, shown)) next.push({ value: child, path: childPath(node.path, key) });
    }
    level = next;
  }
  return open;
}

interface JsonNodeProps {
  name?: string;
  value: unknown;
  path: string;
  initiallyOpen: ReadonlySet<string>;
}

/** One row; memoized, so showing more of a list renders only the rows it adds. */
const JsonNode = memo(function JsonNode({ name, value, path, initiallyOpen }: JsonNodeProps) {
  const { t, i18n } = useTranslation("common");
  const [open, setOpen] = useState(() => initiallyOpen.has(path));
  const [limit, setLimit] = useState(JSON_TREE_PAGE);
  const toggle = useRef<HTMLButtonElement>(null);
  const keyLabel = name !== undefined && (
    <>
      <span className="json-tree__key">{name}</span>:{" "}
    </>
  );

  if (!isBranch(value)) {
    return (
      <li>
        {keyLabel}
        <JsonScalar value={value} />
      </li>
    );
  }

  const isArray = Array.isArray(value);
  const count = childCount(value);
  const [openBracket, closeBracket] = isArray ? ["[", "]"] : ["{", "}"];
  if (count === 0) {
    return (
      <li>
        {keyLabel}
        <span className="json-tree__summary">{openBracket + closeBracket}</span>
      </li>
    );
  }

  const summary = isArray ? t("ui.jsonItems", { count }) : t("ui.jsonKeys", { count });
  const shown = Math.min(count, limit);
  const more = Math.min(count - shown, JSON_TREE_PAGE);
  return (
    <li>
      <button ref={toggle} type="button" className="json-tree__toggle" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
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
            {firstChildren(value, shown).map(([key, item]) => (
              <JsonNode key={key} name={key} value={item} path={childPath(path, key)} initiallyOpen={initiallyOpen} />
            ))}
            {more > 0 && (
              <li>
                <Button
                  variant="ghost"
                  size="sm"
                  className="json-tree__more"
                  onClick={() => {
                    setLimit(shown + more);
                    // The last page takes the button away: the keyboard stays on this node, not lost to the page.
                    if (shown + more >= count) toggle.current?.focus();
                  }}
                >
                  {t("ui.jsonShowMore", { more: more.toLocaleString(i18n.language), total: count.toLocaleString(i18n.language) })}
                </Button>
              </li>
            )}
          </ul>
          <span className="json-tree__summary">{closeBracket}</span>
        </>
      )}
    </li>
  );
});

function JsonScalar({ value }: { value: unknown }) {
  if (typeof value === "string") return <span className="json-tree__string">{JSON.stringify(value)}</span>;
  if (typeof value === "number") return <span className="json-tree__number">{String(value)}</span>;
  if (typeof value === "boolean") return <span className="json-tree__boolean">{String(value)}</span>;
  if (value === null) return <span className="json-tree__null">null</span>;
  return <span className="json-tree__null">{String(value)}</span>;
}
