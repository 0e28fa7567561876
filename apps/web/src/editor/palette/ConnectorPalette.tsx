import type { ConnectorMeta } from "@fluxo/contracts";
import type { DragEvent, KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import { ConnectorIcon } from "../../connections/ConnectorIcon.js";

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
 * it / press Enter or Space to add it after the selected step (or the last one).
 */
export function ConnectorPalette({ connectors, onAdd, disabled = false }: ConnectorPaletteProps) {
  const { t } = useTranslation("editor");
  const services = connectors.filter((c) => !c.builtIn);
  const flowControl = connectors.filter((c) => c.builtIn);
  return (
    <aside className={disabled ? "palette palette--disabled" : "palette"} aria-labelledby="palette-title">
      <h2 id="palette-title" className="palette__title">
        {t("palette.title")}
      </h2>
      <p className="palette__hint" id="palette-hint">
        {disabled ? t("palette.hintReadOnly") : t("palette.hint")}
      </p>
      {connectors.length === 0 ? (
        <p className="palette__empty">{t("palette.empty")}</p>
      ) : (
        <PaletteList connectors={services} onAdd={onAdd} disabled={disabled} labelledBy="palette-title" />
      )}
      {flowControl.length > 0 && (
        <>
          <h2 id="palette-flow-control" className="palette__title palette__title--group">
            {t("palette.flowControl")}
          </h2>
          <PaletteList connectors={flowControl} onAdd={onAdd} disabled={disabled} labelledBy="palette-flow-control" />
        </>
      )}
    </aside>
  );
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
