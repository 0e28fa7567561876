import { pathExpression } from "@fluxo/expressions";
import { useId, useState, type DragEvent } from "react";
import { useTranslation } from "react-i18next";
import { stepDisplayName } from "../../executions/stepName.js";
import { ChevronRightIcon } from "../../ui/index.js";
import { NO_SAMPLE_INPUT } from "../expressions/evaluationData.js";
import { useExpressionScope } from "../expressions/ExpressionScope.js";
import { maskSecrets } from "../expressions/maskSecrets.js";
import { useExpressionTargets } from "../expressions/ExpressionTarget.js";
import { useEditorStore } from "../store.js";

type Path = readonly (string | number)[];

/** Entries of an object or list shown at once; the rest are counted ("+ 30 itens"). */
const SHOWN_ENTRIES = 25;

/**
 * "Dados": what this step's expressions can read, from the last run (and the payload set for
 * the flow): the input and each earlier step's result, as a tree. Clicking (or Enter on) a
 * name puts its path (`{{ .steps.credentials.body.access_token }}`) at the caret of the
 * expression field focused last; a name can also be dragged onto a field.
 */
export function StepDataPanel() {
  const { t } = useTranslation("editor");
  const scope = useExpressionScope();
  const targets = useExpressionTargets();
  const definition = useEditorStore((s) => s.definition);
  const [open, setOpen] = useState(true);
  const [hint, setHint] = useState(false);
  const headingId = useId();
  if (!scope) return null;

  const hasInput = scope.data.input !== NO_SAMPLE_INPUT;
  const stepIds = scope.stepsBefore.filter((id) => scope.data.steps[id] !== undefined);
  const target = targets?.target ?? null;
  const insert = (path: Path) => {
    if (!target) {
      setHint(true);
      return;
    }
    setHint(false);
    target.insert(pathExpression(path));
  };

  return (
    <section className="data-panel" aria-labelledby={headingId} data-testid="step-data">
      <h3 className="data-panel__heading" id={headingId}>
        <button type="button" className="data-panel__toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
          <ChevronRightIcon className={open ? "data-panel__chevron data-panel__chevron--open" : "data-panel__chevron"} />
          {t("data.title")}
        </button>
      </h3>
      {open &&
        (!hasInput && stepIds.length === 0 ? (
          <p className="data-panel__empty">{t("data.empty")}</p>
        ) : (
          <>
            <p className="data-panel__help" role="status">
              {hint && !target ? <strong>{t("data.chooseFieldFirst")}</strong> : target ? t("data.insertInto", { field: target.label() }) : t("data.help")}
            </p>
            <ul className="data-tree" aria-label={t("data.title")}>
              {hasInput && <DataNode name={t("data.input")} path={["input"]} value={scope.data.input} depth={0} onPick={insert} />}
              {stepIds.map((id) => (
                <DataNode key={id} name={stepDisplayName(definition, id)} path={["steps", id]} value={scope.data.steps[id]} depth={0} onPick={insert} />
              ))}
            </ul>
          </>
        ))}
    </section>
  );
}

function DataNode({ name, path, value, depth, onPick }: { name: string; path: Path; value: unknown; depth: number; onPick(path: Path): void }) {
  const { t } = useTranslation("editor");
  const branch = value !== null && typeof value === "object";
  const entries: [string | number, unknown][] = !branch ? [] : Array.isArray(value) ? value.map((item, index) => [index, item]) : Object.entries(value);
  // The input and each step open to their body; headers and deeper levels wait for a click.
  const [open, setOpen] = useState(depth === 0 || (depth === 1 && path.at(-1) === "body"));
  const expression = pathExpression(path);
  const onDragStart = (event: DragEvent) => {
    // A text field takes dropped text at the drop point by itself.
    event.dataTransfer.setData("text/plain", expression);
    event.dataTransfer.effectAllowed = "copy";
  };

  return (
    <li className="data-tree__item">
      <div className="data-tree__row">
        {branch && entries.length > 0 ? (
          <button type="button" className="data-tree__expand" aria-expanded={open} aria-label={t(open ? "data.collapse" : "data.expand", { name })} onClick={() => setOpen(!open)}>
            <ChevronRightIcon className={open ? "data-panel__chevron data-panel__chevron--open" : "data-panel__chevron"} />
          </button>
        ) : (
          <span className="data-tree__spacer" />
        )}
        <button type="button" className="data-tree__pick" title={expression} aria-label={t("data.pick", { name, expression })} draggable onDragStart={onDragStart} onClick={() => onPick(path)}>
          <span className="data-tree__name">{name}</span>
          <span className="data-tree__value">{summary(value, path.at(-1), t)}</span>
        </button>
      </div>
      {branch && open && entries.length > 0 && (
        <ul>
          {entries.slice(0, SHOWN_ENTRIES).map(([key, item]) => (
            <DataNode key={key} name={typeof key === "number" ? `[${key}]` : key} path={[...path, key]} value={item} depth={depth + 1} onPick={onPick} />
          ))}
          {entries.length > SHOWN_ENTRIES && <li className="data-tree__more">{t("data.more", { count: entries.length - SHOWN_ENTRIES })}</li>}
        </ul>
      )}
    </li>
  );
}

/** One line for a value: a scalar as JSON (cut short, a token masked), a list or object by its size. */
function summary(value: unknown, key: string | number | undefined, t: (key: string, options: Record<string, unknown>) => string): string {
  if (Array.isArray(value)) return t("data.items", { count: value.length });
  if (value !== null && typeof value === "object") return t("data.keys", { count: Object.keys(value).length });
  const text = JSON.stringify(maskSecrets(value, typeof key === "string" ? key : undefined)) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}
