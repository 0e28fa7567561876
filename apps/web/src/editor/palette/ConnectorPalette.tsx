import type { ConnectorMeta } from "@fluxo/contracts";
import { useRef, useState, type DragEvent, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import { ConnectorIcon } from "../../connections/ConnectorIcon.js";
import { ResizeHandle } from "../../ui/ResizeHandle.js";
import { usePanelWidth } from "../../ui/usePanelWidth.js";

/** The dataTransfer type a palette item carries: the connector's key. */
export const CONNECTOR_DRAG_TYPE = "application/x-fluxo-connector";

export interface ConnectorPaletteProps {
  connectors: readonly ConnectorMeta[];
  onAdd(connector: ConnectorMeta): void;
  /**
   * While an execution is shown: the palette stays in its place (so the canvas keeps its size
   * and the nodes don't move) but can't be used, and says why.
   */
  disabled?: boolean;
}

/**
 * "Conectores", then "Controle de fluxo" (the built-in steps): drag an item onto the canvas, or click
 * it / press Enter or Space to add it after the selected step (or the last one). The search box on
 * top filters them as it is typed: Enter adds the first match, the arrows walk the matches.
 */
export function ConnectorPalette({ connectors, onAdd, disabled = false }: ConnectorPaletteProps) {
  const { t } = useTranslation("editor");
  const [query, setQuery] = useState("");
  const { t: tCommon } = useTranslation("common");
  const paletteRef = useRef<HTMLDivElement>(null);
  const { shown, handle } = usePanelWidth("palette");
  const matches = connectors.filter((c) => matchesQuery(c, query));
  const services = matches.filter((c) => !c.builtIn);
  const flowControl = matches.filter((c) => c.builtIn);

  const onSearchKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "Enter" && matches[0]) {
      event.preventDefault();
      onAdd(matches[0]);
      setQuery("");
    } else if (event.key === "ArrowDown") {
      event.preventDefault();
      paletteItems(paletteRef.current)[0]?.focus();
    } else if (event.key === "Escape" && query !== "") {
      event.preventDefault();
      setQuery("");
    }
  };

  return (
    <aside className={disabled ? "palette palette--disabled" : "palette"} aria-labelledby="palette-title" style={{ width: shown }}>
      <div ref={paletteRef} className="palette__content" onKeyDown={onArrowBetweenItems}>
        <h2 id="palette-title" className="palette__title">
          {t("palette.title")}
        </h2>
        <p className="palette__hint" id="palette-hint">
          {disabled ? t("palette.hintReadOnly") : t("palette.hint")}
        </p>
        {connectors.length > 0 && (
          <input
            type="search"
            className="input palette__search"
            aria-label={t("palette.search")}
            aria-describedby="palette-search-hint"
            placeholder={t("palette.searchPlaceholder")}
            value={query}
            disabled={disabled}
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={onSearchKeyDown}
            data-palette-search
          />
        )}
        <span id="palette-search-hint" hidden>
          {t("palette.searchHint")}
        </span>
        {connectors.length === 0 ? (
          <p className="palette__empty">{t("palette.empty")}</p>
        ) : matches.length === 0 ? (
          <p className="palette__empty" role="status">
            {t("palette.noMatch", { query })}
          </p>
        ) : (
          services.length > 0 && <PaletteList connectors={services} onAdd={onAdd} disabled={disabled} labelledBy="palette-title" />
        )}
        {flowControl.length > 0 && (
          <>
            <h2 id="palette-flow-control" className="palette__title palette__title--group">
              {t("palette.flowControl")}
            </h2>
            <PaletteList connectors={flowControl} onAdd={onAdd} disabled={disabled} labelledBy="palette-flow-control" />
          </>
        )}
      </div>
      {/* Resizable while an execution is shown too: only the adding is off then. */}
      <ResizeHandle edge="right" label={tCommon("panel.resizePalette")} hint={tCommon("panel.resizeHint")} {...handle} />
    </aside>
  );
}

/** Lower case, without accents: "condicao" finds Condição. */
function normalize(text: string): string {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
}

/** Every word typed appears in the connector's name, description, key or one of its operations' names. */
function matchesQuery(connector: ConnectorMeta, query: string): boolean {
  const words = normalize(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = normalize([connector.name, connector.description, connector.key, ...connector.operations.map((o) => o.name)].join(" "));
  return words.every((word) => haystack.includes(word));
}

function paletteItems(palette: HTMLElement | null): HTMLElement[] {
  return [...(palette?.querySelectorAll<HTMLElement>(".palette__item") ?? [])];
}

/** Up and down walk the items (and back up into the search box); focus stays visible where it lands. */
function onArrowBetweenItems(event: KeyboardEvent<HTMLElement>) {
  if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
  const target = event.target as HTMLElement;
  if (!target.classList.contains("palette__item")) return;
  const items = paletteItems(event.currentTarget);
  const index = items.indexOf(target);
  event.preventDefault();
  if (event.key === "ArrowDown") items[index + 1]?.focus();
  else if (index === 0) event.currentTarget.querySelector<HTMLElement>("[data-palette-search]")?.focus();
  else items[index - 1]?.focus();
}

function PaletteList({ connectors, onAdd, disabled, labelledBy }: { connectors: readonly ConnectorMeta[]; onAdd(connector: ConnectorMeta): void; disabled: boolean; labelledBy: string }) {
  return (
    // inert: out of the tab order and of the accessibility tree's actions while it can't be used.
    <ul className="palette__list" inert={disabled} aria-labelledby={labelledBy}>
      {connectors.map((connector) => (
        <li key={connector.key}>
          <PaletteItem connector={connector} onAdd={onAdd} />
        </li>
      ))}
    </ul>
  );
}

function PaletteItem({ connector, onAdd }: { connector: ConnectorMeta; onAdd(connector: ConnectorMeta): void }) {
  const { t } = useTranslation("editor");
  const onDragStart = (event: DragEvent<HTMLDivElement>) => {
    event.dataTransfer.setData(CONNECTOR_DRAG_TYPE, connector.key);
    event.dataTransfer.setData("text/plain", connector.name);
    event.dataTransfer.effectAllowed = "copy";
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      onAdd(connector);
    }
  };
  // A div with role=button rather than a <button>: draggable buttons aren't draggable in every browser.
  return (
    <div
      role="button"
      tabIndex={0}
      draggable
      className="palette__item"
      aria-label={t("palette.add", { name: connector.name })}
      aria-describedby="palette-hint"
      title={connector.description}
      onDragStart={onDragStart}
      onClick={() => onAdd(connector)}
      onKeyDown={onKeyDown}
      data-connector={connector.key}
    >
      <ConnectorIcon connector={connector} size={28} />
      <span className="palette__text">
        <span className="palette__name">{connector.name}</span>
        <span className="palette__description">{connector.description}</span>
      </span>
    </div>
  );
}
