import { useId, useLayoutEffect, useRef, useState, type CSSProperties, type InputHTMLAttributes, type KeyboardEvent, type RefObject } from "react";
import { useTranslation } from "react-i18next";
import { useExpressionScope } from "./ExpressionScope.js";
import { applyCompletion, useCompletion } from "./useCompletion.js";

export interface ExpressionInputProps extends Omit<InputHTMLAttributes<HTMLInputElement>, "value" | "onChange" | "type" | "role"> {
  value: string;
  onValueChange(value: string): void;
}

// Typing one of these (the second `{` of `{{`, a path's dot, a pipe, a name…) opens the suggestions.
const OPENS_SUGGESTIONS = /[{.$|(\p{L}\p{N}_]/u;

/**
 * A one-line input for text with `{{ … }}` expressions, with suggestions as a WAI-ARIA
 * combobox: typing inside an action (or Ctrl+Space) lists what fits at the cursor; ↑/↓
 * highlight, Enter or Tab accept, Esc closes. Other keys go to `onKeyDown`.
 */
export function ExpressionInput({ value, onValueChange, onKeyDown, onBlur, onClick, className, ...inputProps }: ExpressionInputProps) {
  const { t } = useTranslation("editor");
  const scope = useExpressionScope();
  const { state, suggest, close, move, highlight } = useCompletion(scope);
  const input = useRef<HTMLInputElement>(null);
  const listId = useId();
  const optionId = (index: number) => `${listId}-option-${index}`;
  const pendingCursor = useRef<number | null>(null);
  const position = useListPosition(input, state !== null);

  useLayoutEffect(() => {
    if (pendingCursor.current === null) return;
    input.current?.setSelectionRange(pendingCursor.current, pendingCursor.current);
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

  const cursorOf = (element: HTMLInputElement) => element.selectionStart ?? element.value.length;

  const handleKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
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
  return (
    <div className="expression-input">
      <input
        ref={input}
        type="text"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={state !== null}
        aria-controls={state ? listId : undefined}
        aria-activedescendant={state ? optionId(state.active) : undefined}
        autoComplete="off"
        spellCheck={false}
        className={className ?? "input"}
        value={value}
        onChange={(event) => {
          const text = event.target.value;
          const cursor = cursorOf(event.target);
          onValueChange(text);
          const typed = text.length > value.length ? text.slice(cursor - 1, cursor) : "";
          if (state || OPENS_SUGGESTIONS.test(typed)) suggest(text, cursor);
        }}
        onKeyDown={handleKeyDown}
        onClick={(event) => {
          close();
          onClick?.(event);
        }}
        onBlur={(event) => {
          close();
          onBlur?.(event);
        }}
        {...inputProps}
      />
      {state && (
        <ul id={listId} role="listbox" className="completion-list" aria-label={t("expression.suggestions")} style={position}>
          {options.map((option, index) => (
            <CompletionOption
              key={option.label}
              id={optionId(index)}
              label={option.label}
              detail={option.detail}
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
    </div>
  );
}

function CompletionOption({ id, label, detail, active, onHover, onChoose }: { id: string; label: string; detail?: string; active: boolean; onHover(): void; onChoose(): void }) {
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
      // Keeps focus (and the caret) in the input.
      onMouseDown={(event) => event.preventDefault()}
      onMouseMove={active ? undefined : onHover}
      onClick={onChoose}
    >
      <span className="completion-option__label">{label}</span>
      {detail && (
        <span className="completion-option__detail" title={detail}>
          {detail}
        </span>
      )}
    </li>
  );
}

const LIST_MAX_HEIGHT = 240;
const LIST_MIN_WIDTH = 380;

/**
 * Fixed to the viewport under the input (above it when there is more room there), so the
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
      // At least as wide as the input, wider for long paths, never past the viewport's right edge.
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
