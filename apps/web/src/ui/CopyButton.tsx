import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { IconButton } from "./IconButton.js";
import { CheckIcon, CopyIcon } from "./icons.js";

export async function copyText(text: string): Promise<void> {
  if (navigator.clipboard?.writeText) {
    await navigator.clipboard.writeText(text);
    return;
  }
  // Older browsers and non-secure origins have no async clipboard.
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.append(area);
  area.select();
  document.execCommand("copy");
  area.remove();
}

/** Copies a value; a check mark and a polite announcement confirm it. */
export function CopyButton({ value, label, size = "sm" }: { value: string | (() => string); label?: string; size?: "sm" | "md" }) {
  const { t } = useTranslation("common");
  const [copied, setCopied] = useState(false);
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearTimeout(timer.current), []);

  const onClick = async () => {
    try {
      await copyText(typeof value === "function" ? value() : value);
      setCopied(true);
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(() => setCopied(false), 2000);
    } catch {
      setCopied(false);
    }
  };

  return (
    <>
      <IconButton
        size={size}
        label={label ?? t("ui.copy")}
        className={copied ? "copy-btn--copied" : undefined}
        icon={copied ? <CheckIcon /> : <CopyIcon />}
        onClick={() => void onClick()}
      />
      <span className="visually-hidden" role="status">
        {copied ? t("ui.copied") : ""}
      </span>
    </>
  );
}
