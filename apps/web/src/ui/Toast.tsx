import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { IconButton } from "./IconButton.js";
import { CloseIcon } from "./icons.js";

export type ToastTone = "info" | "success" | "error";

interface ToastItem {
  id: number;
  tone: ToastTone;
  message: string;
  about: string | undefined;
}

export interface ToastOptions {
  /**
   * What the notification reports the outcome of ("the draft of flow1", "the test of conn1"). A
   * newer notification about the same thing replaces it, so a refusal never sits under the
   * success that followed it; `dismissAbout` takes it away when a new attempt starts.
   */
  about?: string;
}

/** Each call returns a function that takes that notification away (when what it said stops being true). */
export interface Toaster {
  notify: (message: string, tone?: ToastTone, options?: ToastOptions) => () => void;
  success: (message: string, options?: ToastOptions) => () => void;
  error: (message: string, options?: ToastOptions) => () => void;
  /** Takes away the notifications about `about`: what they reported is being tried again. */
  dismissAbout: (about: string) => void;
}

const ToastContext = createContext<Toaster | null>(null);

const DURATION_MS: Record<ToastTone, number> = { info: 5000, success: 4000, error: 9000 };

/** Holds the notifications; the live region is always in the page so screen readers hear each new one. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const { t, i18n } = useTranslation("common");
  const [items, setItems] = useState<ToastItem[]>([]);
  const nextId = useRef(1);

  // A notification is text written in the language of its moment: after a switch it would stay
  // in the other one (English among Portuguese), so the open ones go.
  useEffect(() => {
    const clear = () => setItems([]);
    i18n.on("languageChanged", clear);
    return () => i18n.off("languageChanged", clear);
  }, [i18n]);

  const dismiss = useCallback((id: number) => setItems((list) => list.filter((item) => item.id !== id)), []);

  const dismissAbout = useCallback((about: string) => setItems((list) => list.filter((item) => item.about !== about)), []);

  const notify = useCallback(
    (message: string, tone: ToastTone = "info", { about }: ToastOptions = {}) => {
      const id = nextId.current++;
      // The same news again (a second save refused for the same reason) replaces the first, so
      // the stack shows it once, last, with its time restarted; the live region still says it.
      // So does newer news about the same thing: only the latest outcome is true.
      const outdated = (item: ToastItem) => (item.message === message && item.tone === tone) || (about !== undefined && item.about === about);
      setItems((list) => [...list.filter((item) => !outdated(item)).slice(-3), { id, tone, message, about }]);
      window.setTimeout(() => dismiss(id), DURATION_MS[tone]);
      return () => dismiss(id);
    },
    [dismiss],
  );

  const toaster = useMemo<Toaster>(
    () => ({ notify, success: (m, o) => notify(m, "success", o), error: (m, o) => notify(m, "error", o), dismissAbout }),
    [notify, dismissAbout],
  );

  return (
    <ToastContext.Provider value={toaster}>
      {children}
      <section className="toasts" aria-label={t("ui.notifications")} aria-live="polite" aria-relevant="additions">
        {items.map((item) => (
          <div key={item.id} className={`toast toast--${item.tone}`} role={item.tone === "error" ? "alert" : "status"}>
            <p className="toast__message">{item.message}</p>
            <IconButton size="sm" label={t("ui.dismiss")} icon={<CloseIcon />} onClick={() => dismiss(item.id)} />
          </div>
        ))}
      </section>
    </ToastContext.Provider>
  );
}

export function useToast(): Toaster {
  const toaster = useContext(ToastContext);
  if (!toaster) throw new Error("useToast needs a <ToastProvider> above it");
  return toaster;
}
