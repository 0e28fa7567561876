import { useTranslation } from "react-i18next";

/** A decorative spinner; give it a `label` when it is the only sign that something is loading. */
export function Spinner({ size = "sm", label }: { size?: "sm" | "lg"; label?: string }) {
  const className = size === "lg" ? "spinner spinner--lg" : "spinner";
  if (!label) return <span className={className} aria-hidden="true" />;
  return (
    <span role="status">
      <span className={className} aria-hidden="true" />
      <span className="visually-hidden">{label}</span>
    </span>
  );
}

/** A whole area (page, panel) waiting for its data. */
export function LoadingState({ label }: { label?: string }) {
  const { t } = useTranslation("common");
  const text = label ?? t("ui.loading");
  return (
    <div className="state" role="status" aria-live="polite">
      <span className="spinner spinner--lg" aria-hidden="true" />
      <p>{text}</p>
    </div>
  );
}
