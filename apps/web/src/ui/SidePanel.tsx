import { useId, useRef, useState, type KeyboardEvent, type PointerEvent, type ReactNode, type Ref } from "react";
import { useTranslation } from "react-i18next";
import { IconButton } from "./IconButton.js";
import { CloseIcon } from "./icons.js";
import { PANEL_MIN_WIDTH, usePanelWidth } from "./usePanelWidth.js";

export interface SidePanelProps {
  /** The heading, which is also the panel's accessible name. */
  title: ReactNode;
  subtitle?: ReactNode;
  /** Extra class for the subtitle (e.g. `mono` for an id). */
  subtitleClassName?: string;
  /** Shown before the titles (e.g. the connector's icon). */
  icon?: ReactNode;
  /** Buttons shown before the close button. */
  actions?: ReactNode;
  closeLabel: string;
  onClose(): void;
  /** Pads the body and stacks its children; leave off for content with its own layout (tabs). */
  padded?: boolean;
  children: ReactNode;
  ref?: Ref<HTMLElement>;
}

/** A panel at the right of a workspace: a header with title and close button, then a scrolling body; its left edge resizes it. */
export function SidePanel({ title, subtitle, subtitleClassName, icon, actions, closeLabel, onClose, padded = false, children, ref }: SidePanelProps) {
  const titleId = useId();
  const { width, maxWidth, setWidth } = usePanelWidth();
  const [dragWidth, setDragWidth] = useState<number | null>(null);
  const shown = dragWidth ?? width;
  return (
    <aside ref={ref} className="side-panel" aria-labelledby={titleId} style={shown === undefined ? undefined : { width: shown }}>
      <ResizeHandle
        width={shown}
        maxWidth={maxWidth}
        onResize={setDragWidth}
        onResized={(next) => {
          setDragWidth(null);
          setWidth(next);
        }}
      />
      <header className="side-panel__header">
        {icon}
        <div className="side-panel__titles">
          <h2 className="side-panel__title" id={titleId}>
            {title}
          </h2>
          {subtitle && <p className={subtitleClassName ? `side-panel__subtitle ${subtitleClassName}` : "side-panel__subtitle"}>{subtitle}</p>}
        </div>
        {actions}
        <IconButton label={closeLabel} icon={<CloseIcon />} onClick={onClose} />
      </header>
      <div className={padded ? "side-panel__body side-panel__body--padded" : "side-panel__body"}>{children}</div>
    </aside>
  );
}

const KEY_STEP = 24;

/**
 * The panel's left edge: drag it, or focus it and use the arrows (← wider, → narrower, Home/End
 * for the narrowest and widest). A separator, as WAI-ARIA calls a splitter, with its value in px.
 */
function ResizeHandle({ width, maxWidth, onResize, onResized }: { width: number | undefined; maxWidth: number; onResize(width: number): void; onResized(width: number): void }) {
  const { t } = useTranslation("common");
  const drag = useRef<{ startX: number; startWidth: number; last: number } | null>(null);
  const current = (handle: HTMLElement) => width ?? handle.parentElement?.getBoundingClientRect().width ?? PANEL_MIN_WIDTH;
  const clamp = (value: number) => Math.round(Math.min(maxWidth, Math.max(PANEL_MIN_WIDTH, value)));

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return;
    event.preventDefault();
    event.currentTarget.setPointerCapture(event.pointerId);
    const startWidth = current(event.currentTarget);
    drag.current = { startX: event.clientX, startWidth, last: startWidth };
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    if (!drag.current) return;
    // The panel sits at the right: moving its left edge left makes it wider.
    drag.current.last = clamp(drag.current.startWidth + drag.current.startX - event.clientX);
    onResize(drag.current.last);
  };
  const onPointerUp = () => {
    if (!drag.current) return;
    onResized(drag.current.last);
    drag.current = null;
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const now = current(event.currentTarget);
    const next = { ArrowLeft: now + KEY_STEP, ArrowRight: now - KEY_STEP, Home: PANEL_MIN_WIDTH, End: maxWidth }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    onResized(clamp(next));
  };

  return (
    <div
      className="side-panel__resize"
      role="separator"
      aria-orientation="vertical"
      aria-label={t("panel.resize")}
      aria-valuemin={PANEL_MIN_WIDTH}
      aria-valuemax={maxWidth}
      aria-valuenow={width === undefined ? undefined : Math.round(width)}
      tabIndex={0}
      title={t("panel.resizeHint")}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onKeyDown={onKeyDown}
    />
  );
}
