import { cronProblem, DEFAULT_SCHEDULE_TIMEZONE, NEXT_RUNS_SHOWN, timezoneProblem, type FlowSchedule } from "@fluxo/contracts";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useCan } from "../api/auth.js";
import { ApiError } from "../api/http.js";
import { useDeleteSchedule, useFlowSchedule, useSaveSchedule } from "../api/schedules.js";
import { problemMessage } from "../executions/PayloadDialog.js";
import { useCodedMessage } from "../i18n/codedMessage.js";
import { parseTriggerInput } from "../executions/triggerInput.js";
import { Alert, Button, CheckboxField, describeError, ErrorState, LoadingState, TextArea, TextField, useToast } from "../ui/index.js";
import { describeCron, formatFireTime, hasSeconds } from "./scheduleText.js";
import { useNextFireTimes } from "./useNextFireTimes.js";
import "./schedule.css";

export interface ScheduleSectionProps {
  flowId: string;
  /** The flow has a published version: only that runs on schedule. */
  published: boolean;
  /** The flow's answer says it has a schedule (its brief): only then is the whole of it asked for. */
  scheduled: boolean;
}

/** The Agendador in the "Início" panel: cron with its explanation and next times, zone, on/off and the input each run gets. */
export function ScheduleSection({ flowId, published, scheduled }: ScheduleSectionProps) {
  const { t } = useTranslation("editor");
  const schedule = useFlowSchedule(flowId, scheduled);
  return (
    <section className="schedule-section" aria-labelledby="schedule-title" data-testid="schedule-section">
      <h3 className="section-subtitle" id="schedule-title">
        {t("schedule.title")}
      </h3>
      {schedule.isPending ? (
        <LoadingState />
      ) : schedule.error ? (
        <ErrorState compact error={schedule.error} onRetry={() => void schedule.refetch()} />
      ) : (
        <ScheduleForm key={schedule.data?.updatedAt ?? "new"} flowId={flowId} saved={schedule.data} published={published} />
      )}
    </section>
  );
}

function inputText(schedule: FlowSchedule | null): string {
  return JSON.stringify(schedule?.input ?? { body: {}, headers: {}, query_params: {} }, null, 2);
}

function ScheduleForm({ flowId, saved, published }: { flowId: string; saved: FlowSchedule | null; published: boolean }) {
  const { t, i18n } = useTranslation("editor");
  const { t: te } = useTranslation("executions");
  const { t: tc } = useTranslation("common");
  const toast = useToast();
  const can = useCan();
  const save = useSaveSchedule(flowId);
  const remove = useDeleteSchedule(flowId);
  const [cron, setCron] = useState(saved?.cron ?? "*/5 * * * *");
  const [timezone, setTimezone] = useState(saved?.timezone ?? DEFAULT_SCHEDULE_TIMEZONE);
  const [enabled, setEnabled] = useState(saved?.enabled ?? true);
  const [input, setInput] = useState(() => inputText(saved));
  // What the server refused, by field, until that field is edited again.
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  // Never published: nothing to run on schedule yet (the API answers 409), so the form waits, saying why.
  const blocked = !published && !saved;
  const readOnly = !can.scheduleFlows || blocked;

  const told = useCodedMessage();
  const cronProblemNow = cronProblem(cron);
  const zoneProblemNow = timezoneProblem(timezone.trim());
  const cronError = cronProblemNow ? told(cronProblemNow) : serverErrors.cron;
  const zoneError = zoneProblemNow ? told(zoneProblemNow) : serverErrors.timezone;
  const parsedInput = parseTriggerInput(input);
  const inputError = !parsedInput.ok ? problemMessage(parsedInput.problem, te) : Object.entries(serverErrors).find(([path]) => path.startsWith("input"))?.[1];
  const explanation = cronError ? null : describeCron(cron, i18n.language);
  const nextRuns = useNextFireTimes(cronError || zoneError ? null : cron, timezone.trim(), NEXT_RUNS_SHOWN);
  const zones = useMemo(() => Intl.supportedValuesOf("timeZone").map((zone) => ({ value: zone, label: zone })), []);

  const edited = (field: string) => setServerErrors((errors) => Object.fromEntries(Object.entries(errors).filter(([path]) => !path.startsWith(field))));

  const onSave = async () => {
    if (cronError || zoneError || !parsedInput.ok) return;
    try {
      await save.mutateAsync({ cron: cron.trim(), timezone: timezone.trim(), enabled, input: parsedInput.input });
      toast.success(enabled ? t("schedule.saved") : t("schedule.savedPaused"));
    } catch (error) {
      // The edits stay in the form; what the server named is shown on its field.
      if (error instanceof ApiError && error.status === 422) setServerErrors(error.fieldErrors());
      toast.error(describeError(error, tc));
    }
  };

  const onRemove = async () => {
    try {
      await remove.mutateAsync();
      toast.success(t("schedule.removed"));
    } catch (error) {
      toast.error(describeError(error, tc));
    }
  };

  return (
    <form
      className="schedule-form"
      onSubmit={(e) => {
        e.preventDefault();
        void onSave();
      }}
    >
      {blocked ? <Alert tone="info">{t("schedule.neverPublished")}</Alert> : readOnly && <p className="muted">{t("schedule.readOnly")}</p>}
      <fieldset disabled={readOnly} className="schedule-form__fields">
        <TextField
          label={t("schedule.cron")}
          className="schedule-form__code"
          value={cron}
          required
          spellCheck={false}
          autoComplete="off"
          error={cronError}
          help={t("schedule.cronHelp")}
          onChange={(e) => {
            setCron(e.target.value);
            edited("cron");
          }}
        />
        {explanation && (
          <p className="schedule-form__explanation" data-testid="schedule-explanation">
            {explanation}
          </p>
        )}
        <TextField
          label={t("schedule.timezone")}
          value={timezone}
          required
          spellCheck={false}
          autoComplete="off"
          suggestions={zones}
          error={zoneError}
          help={t("schedule.timezoneHelp")}
          onChange={(e) => {
            setTimezone(e.target.value);
            edited("timezone");
          }}
        />
        {nextRuns.length > 0 && (
          <div className="schedule-form__next">
            <span className="field__label">{t(enabled ? "schedule.nextRuns" : "schedule.nextRunsPaused", { zone: timezone.trim() })}</span>
            <ol className="schedule-next-list" data-testid="schedule-next-runs">
              {nextRuns.map((at) => (
                <li key={at.toISOString()}>
                  <time dateTime={at.toISOString()}>{formatFireTime(at, timezone.trim(), i18n.language, hasSeconds(cron))}</time>
                </li>
              ))}
            </ol>
          </div>
        )}
        <CheckboxField role="switch" label={t("schedule.enabled")} help={t("schedule.enabledHelp")} checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
        <TextArea
          label={t("schedule.input")}
          className="schedule-form__code"
          rows={5}
          spellCheck={false}
          value={input}
          error={inputError}
          help={t("schedule.inputHelp")}
          onChange={(e) => {
            setInput(e.target.value);
            edited("input");
          }}
        />
      </fieldset>
      {!readOnly && (
        <div className="schedule-form__actions">
          <Button type="submit" variant="primary" loading={save.isPending} disabled={Boolean(cronError || zoneError || inputError)}>
            {saved ? t("schedule.save") : t("schedule.create")}
          </Button>
          {saved && (
            <Button type="button" variant="secondary" onClick={() => void onRemove()} loading={remove.isPending}>
              {t("schedule.remove")}
            </Button>
          )}
        </div>
      )}
    </form>
  );
}
