import { useEffect, useLayoutEffect, useRef, useId, type FormEventHandler, type KeyboardEvent, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { IconButton } from "./IconButton.js";
import { CloseIcon } from "./icons.js";

export interface DialogProps {
  open: boolean;
  /** Called on Esc, the close button, or when the browser closes the dialog. */
  onClose: () => void;
  title: ReactNode;
  children: ReactNode;
  /** Buttons shown at the bottom, right-aligned. */
  footer?: ReactNode;
  size?: "sm" | "md" | "lg";
  /** While false (e.g. a save is running) Esc and the close button do nothing. */
  dismissible?: boolean;
  /** Wraps body and footer in a <form>, so Enter submits and the footer's submit button works. */
  onSubmit?: FormEventHandler<HTMLFormElement>;
  role?: "dialog" | "alertdialog";
  /** Extra id(s) describing the dialog (aria-describedby). */
  describedBy?: string;
}

/** The element to give focus back to, handed from a dialog that just closed to one that replaces it. */
let pendingRestore: HTMLElement | null = null;

const FOCUSABLE = 'button:not(:disabled), [href], input:not(:disabled), select:not(:disabled), textarea:not(:disabled), [tabindex]:not([tabindex="-1"])';

/**
 * A modal on the native <dialog> (showModal): the browser makes the rest of the page inert
 * (the focus trap) and draws the backdrop. Focus goes to `[data-autofocus]`, else the
 * first field of the body, and returns to where it was when the dialog closes.
 * Closed dialogs are unmounted, so their contents start fresh each time.
 */
export function Dialog(props: DialogProps) {
  if (!props.open) return null;
  return <OpenDialog {...props} />;
}

function OpenDialog({ onClose, title, children, footer, size = "md", dismissible = true, onSubmit, role, describedBy }: DialogProps) {
  const { t } = useTranslation("common");
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const openerRef = useRef<HTMLElement | null>(null);
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;
  const dismissibleRef = useRef(dismissible);
  dismissibleRef.current = dismissible;

  useLayoutEffect(() => {
    const dialog = ref.current!;
    // StrictMode runs this twice on the same, still-mounted node: open and focus only once,
    // and never close or move focus in between (a blur would mark the first field touched).
    if (dialog.open) {
      pendingRestore = null;
      return scheduleRestore(dialog);
    }
    const active = document.activeElement;
    openerRef.current = active instanceof HTMLElement && active !== document.body ? active : pendingRestore;
    pendingRestore = null;
    // jsdom has no showModal; the open attribute is enough there.
    if (typeof dialog.showModal === "function") dialog.showModal();
    else dialog.setAttribute("open", "");
    const target =
      dialog.querySelector<HTMLElement>("[data-autofocus]") ??
      dialog.querySelector<HTMLElement>(".dialog__body :is(input, select, textarea):not(:disabled)") ??
      dialog.querySelector(".dialog__body")?.querySelector<HTMLElement>(FOCUSABLE) ??
      dialog.querySelector<HTMLElement>(FOCUSABLE);
    target?.focus();
    return scheduleRestore(dialog);
  }, []);

  /**
   * After a real unmount (the node is gone), focus goes back to the opener, unless something
   * else took it: a dialog replacing this one (loading → form) inherits the opener instead.
   */
  function scheduleRestore(dialog: HTMLDialogElement) {
    return () => {
      const opener = openerRef.current;
      pendingRestore = opener;
      window.setTimeout(() => {
        if (dialog.isConnected || pendingRestore !== opener) return;
        pendingRestore = null;
        const active = document.activeElement;
        if ((!active || active === document.body) && opener?.isConnected) opener.focus();
      }, 0);
    };
  }

  useEffect(() => {
    const dialog = ref.current!;
    // Esc raises `cancel`; we keep the dialog open and let the owner decide through onClose.
    const onCancel = (event: Event) => {
      event.preventDefault();
      if (dismissibleRef.current) onCloseRef.current();
    };
    dialog.addEventListener("cancel", onCancel);
    return () => dialog.removeEventListener("cancel", onCancel);
  }, []);

  const body = (
    <>
      <div className="dialog__body">{children}</div>
      {footer && <div className="dialog__footer">{footer}</div>}
    </>
  );

  return (
    <dialog
      ref={ref}
      className={`dialog dialog--${size}`}
      role={role}
      aria-modal="true"
      aria-labelledby={titleId}
      aria-describedby={describedBy}
      onKeyDown={(event) => {
        if (event.key === "Tab") {
          keepTabInside(event, ref.current!);
          return;
        }
        if (event.key !== "Escape") return;
        event.preventDefault();
        event.stopPropagation();
        if (dismissible) onClose();
      }}
    >
      <header className="dialog__header">
        <h2 className="dialog__title" id={titleId}>
          {title}
        </h2>
        <IconButton label={t("ui.close")} icon={<CloseIcon />} onClick={onClose} disabled={!dismissible} />
      </header>
      {onSubmit ? (
        <form className="dialog__form" noValidate onSubmit={onSubmit}>
          {body}
        </form>
      ) : (
        body
      )}
    </dialog>
  );
}

/** The page behind is inert already; this also keeps Tab from leaving for the browser's toolbar. */
function keepTabInside(event: KeyboardEvent<HTMLDialogElement>, dialog: HTMLDialogElement) {
  const focusables = [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => !el.closest("[hidden]") && el.getClientRects().length > 0);
  const first = focusables[0];
  const last = focusables[focusables.length - 1];
  if (!first || !last) return;
  if (event.shiftKey && document.activeElement === first) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && document.activeElement === last) {
    event.preventDefault();
    first.focus();
  }
}
