import {
  useEffect,
  useId,
  useLayoutEffect,
  useRef,
  useState,
  type ChangeEvent,
  type CSSProperties,
  type FocusEvent,
  type KeyboardEvent,
  type MouseEvent,
  type ReactNode,
  type RefObject,
} from "react";
import { useTranslation } from "react-i18next";
import { useExpressionScope } from "./ExpressionScope.js";
import { useExpressionTargets, type ExpressionTarget } from "./ExpressionTarget.js";
import { applyCompletion, useCompletion } from "./useCompletion.js";

type TextControl = HTMLInputElement | HTMLTextAreaElement;

export interface ExpressionComboboxOptions<E extends TextControl> {
  value: string;
  onValueChange(value: string): void;
  /** Keys the suggestions don't take (Enter with the list closed, say). */
  onKeyDown?(event: KeyboardEvent<E>): void;
  onBlur?(event: FocusEvent<E>): void;
  onClick?(event: MouseEvent<E>): void;
}

export interface ExpressionCombobox<E extends TextControl> {
  /** To spread on the <input> or <textarea>: the combobox role, its ARIA state and its handlers. */
  controlProps: {
    ref: RefObject<E | null>;
    role: "combobox";
    "aria-autocomplete": "list";
    "aria-expanded": boolean;
    "aria-controls": string | undefined;
    "aria-activedescendant": string | undefined;
    autoComplete: "off";
    spellCheck: false;
    value: string;
    onChange(event: ChangeEvent<E>): void;
    onKeyDown(event: KeyboardEvent<E>): void;
    onClick(event: MouseEvent<E>): void;
    onBlur(event: FocusEvent<E>): void;
    onFocus(event: FocusEvent<E>): void;
  };
  /** The list of suggestions (when open) and its announcement, rendered after the control. */
  suggestions: ReactNode;
}

// Typing one of these (the second `{` of `{{`, a path's dot, a pipe, a name…) opens the suggestions.
const OPENS_SUGGESTIONS = /[{.$|(\p{L}\p{N}_]/u;

/**
 * Suggestions for text with `{{ … }}` expressions as a WAI-ARIA combobox, for a one-line
 * input or a multi-line textarea alike: typing inside an action (or Ctrl+Space) lists what
 * fits at the cursor; ↑/↓ highlight, Enter or Tab accept, Esc closes. With the list closed
 * every key is the control's own (Enter makes a new line in a textarea) and goes to `onKeyDown`.
 */
export function useExpressionCombobox<E extends TextControl>({ value, onValueChange, onKeyDown, onBlur, onClick }: ExpressionComboboxOptions<E>): ExpressionCombobox<E> {
  const { t } = useTranslation("editor");
  const scope = useExpressionScope();
  const { state, suggest, close, move, highlight } = useCompletion(scope);
  const control = useRef<E>(null);
  const listId = useId();
  const optionId = (index: number) => `${listId}-option-${index}`;
  const pendingCursor = useRef<number | null>(null);
  const position = useListPosition(control, state !== null);
  const target = useInsertionTarget(control, value, onValueChange, pendingCursor);

  useLayoutEffect(() => {
    if (pendingCursor.current === null) return;
    control.current?.setSelectionRange(pendingCursor.current, pendingCursor.current);
    pendingCursor.current = null;
  });

  const accept = (index: number) => {
    const option = state?.result.options[index];
    if (!state || !option) return;
    const next = applyCompletion(value, state.result, option.label);
    pendingCursor.current = next.cursor;
    onValueChange(next.text);
    close();
  };

  const cursorOf = (element: TextControl) => element.selectionStart ?? element.value.length;

  const handleKeyDown = (event: KeyboardEvent<E>) => {
    if (event.key === " " && event.ctrlKey) {
      event.preventDefault();
      suggest(value, cursorOf(event.currentTarget));
      return;
    }
    if (state) {
      switch (event.key) {
        case "ArrowDown":
        case "ArrowUp":
          event.preventDefault();
          move(event.key === "ArrowDown" ? 1 : -1);
          return;
        case "Enter":
        case "Tab":
          event.preventDefault();
          accept(state.active);
          return;
        case "Escape":
          // Only the list closes: a dialog or panel around the field stays open.
          event.preventDefault();
          event.stopPropagation();
          close();
          return;
        case "ArrowLeft":
        case "ArrowRight":
        case "Home":
        case "End":
          close();
          break;
      }
    }
    onKeyDown?.(event);
  };

  const options = state?.result.options ?? [];
  return {
    controlProps: {
      ref: control,
      role: "combobox",
      "aria-autocomplete": "list",
      "aria-expanded": state !== null,
      "aria-controls": state ? listId : undefined,
      "aria-activedescendant": state ? optionId(state.active) : undefined,
      autoComplete: "off",
      spellCheck: false,
      value,
      onChange: (event) => {
        const text = event.target.value;
        const cursor = cursorOf(event.target);
        onValueChange(text);
        const typed = text.length > value.length ? text.slice(cursor - 1, cursor) : "";
        if (state || OPENS_SUGGESTIONS.test(typed)) suggest(text, cursor);
      },
      onKeyDown: handleKeyDown,
      onClick: (event) => {
        close();
        onClick?.(event);
      },
      onBlur: (event) => {
        close();
        onBlur?.(event);
      },
      onFocus: target.claim,
    },
    suggestions: (
      <>
        {state && (
          <ul id={listId} role="listbox" className="completion-list" aria-label={t("expression.suggestions")} style={position}>
            {options.map((option, index) => (
              <CompletionOption
                key={option.label}
                id={optionId(index)}
                label={option.label}
                detail={option.detail}
                info={option.info}
                active={index === state.active}
                onHover={() => highlight(index)}
                onChoose={() => accept(index)}
              />
            ))}
          </ul>
        )}
        <span className="visually-hidden" role="status">
          {state ? t("expression.suggestionCount", { count: options.length }) : ""}
        </span>
      </>
    ),
  };
}

/**
 * Makes the field the data panel's target while it has focus, and after (until another field
 * takes it or this one goes away): a pick there lands at this field's caret.
 */
function useInsertionTarget<E extends TextControl>(
  control: RefObject<E | null>,
  value: string,
  onValueChange: (value: string) => void,
  pendingCursor: RefObject<number | null>,
): { claim(): void } {
  const targets = useExpressionTargets();
  const latest = useRef({ value, onValueChange });
  latest.current = { value, onValueChange };
  const target = useRef<ExpressionTarget>({
    insert(text) {
      const element = control.current;
      if (!element) return;
      const { value: current, onValueChange: change } = latest.current;
      // A field keeps its selection after losing focus: that is where the person left the caret.
      const start = Math.min(element.selectionStart ?? current.length, current.length);
      const end = Math.min(element.selectionEnd ?? start, current.length);
      pendingCursor.current = start + text.length;
      change(current.slice(0, start) + text + current.slice(end));
      element.focus();
    },
    label() {
      const element = control.current;
      return element?.labels?.[0]?.textContent?.replace(/\s*\*$/, "").trim() || element?.getAttribute("aria-label") || "";
    },
  });
  const setTarget = targets?.setTarget;
  useEffect(() => {
    const mine = target.current;
    return () => setTarget?.((current) => (current === mine ? null : current));
  }, [setTarget]);
  return { claim: () => setTarget?.(target.current) };
}

function CompletionOption({ id, label, detail, info, active, onHover, onChoose }: { id: string; label: string; detail?: string; info?: string; active: boolean; onHover(): void; onChoose(): void }) {
  const ref = useRef<HTMLLIElement>(null);
  useLayoutEffect(() => {
    // jsdom has no scrollIntoView; browsers do.
    if (active) ref.current?.scrollIntoView?.({ block: "nearest" });
  }, [active]);
  return (
    <li
      ref={ref}
      id={id}
      role="option"
      aria-selected={active}
      className={active ? "completion-option completion-option--active" : "completion-option"}
      // Keeps focus (and the caret) in the control.
      onMouseDown={(event) => event.preventDefault()}
      onMouseMove={active ? undefined : onHover}
      onClick={onChoose}
    >
      <span className="completion-option__label">{label}</span>
      {detail && (
        // A function's description shows on hover; a path's detail is short enough to be its own.
        <span className="completion-option__detail" title={info ?? detail}>
          {detail}
        </span>
      )}
    </li>
  );
}

const LIST_MAX_HEIGHT = 240;
const LIST_MIN_WIDTH = 380;

/**
 * Fixed to the viewport under the control (above it when there is more room there), so the
 * list is never cut by the scrolling panel and never pushes the layout.
 */
function useListPosition(anchor: RefObject<HTMLElement | null>, open: boolean): CSSProperties | undefined {
  const [style, setStyle] = useState<CSSProperties>();
  useLayoutEffect(() => {
    if (!open) return;
    const place = () => {
      const rect = anchor.current?.getBoundingClientRect();
      if (!rect) return;
      const below = window.innerHeight - rect.bottom;
      const above = rect.top;
      const upwards = below < LIST_MAX_HEIGHT && above > below;
      const room = (upwards ? above : below) - 8;
      // At least as wide as the control, wider for long paths, never past the viewport's right edge.
      const width = Math.min(Math.max(rect.width, LIST_MIN_WIDTH), window.innerWidth - 16);
      setStyle({
        position: "fixed",
        left: Math.max(8, Math.min(rect.left, window.innerWidth - width - 8)),
        width,
        maxHeight: Math.max(80, Math.min(LIST_MAX_HEIGHT, room)),
        ...(upwards ? { bottom: window.innerHeight - rect.top + 2 } : { top: rect.bottom + 2 }),
      });
    };
    place();
    window.addEventListener("resize", place);
    window.addEventListener("scroll", place, true);
    return () => {
      window.removeEventListener("resize", place);
      window.removeEventListener("scroll", place, true);
    };
  }, [anchor, open]);
  return style;
}
