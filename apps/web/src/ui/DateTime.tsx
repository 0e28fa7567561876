import { useTranslation } from "react-i18next";
import { formatDateTime, formatRelativeTime } from "./format.js";

/** A timestamp: relative ("há 5 minutos") with the exact date and time as tooltip, or absolute. */
export function DateTime({ value, relative = false }: { value: string | null | undefined; relative?: boolean }) {
  const { i18n } = useTranslation("common");
  if (!value) return <span>—</span>;
  const absolute = formatDateTime(value, i18n.language);
  return (
    <time dateTime={value} title={relative ? absolute : undefined}>
      {relative ? formatRelativeTime(value, new Date(), i18n.language) : absolute}
    </time>
  );
}
