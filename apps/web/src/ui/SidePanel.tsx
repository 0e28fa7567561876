import { useId, type ReactNode, type Ref } from "react";
import { useTranslation } from "react-i18next";
import { IconButton } from "./IconButton.js";
import { CloseIcon } from "./icons.js";
import { ResizeHandle } from "./ResizeHandle.js";
import { usePanelWidth } from "./usePanelWidth.js";

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
  const { t } = useTranslation("common");
  const titleId = useId();
  const { shown, handle } = usePanelWidth("side");
  return (
    <aside ref={ref} className="side-panel" aria-labelledby={titleId} style={{ width: shown }}>
      <ResizeHandle edge="left" label={t("panel.resize")} hint={t("panel.resizeHint")} {...handle} />
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
