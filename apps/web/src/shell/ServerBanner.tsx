import { useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useServerReachable } from "../api/connectivity.js";
import { useHealth } from "../api/health.js";
import { isUnreachable, Button, RefreshIcon, WifiOffIcon } from "../ui/index.js";

/** Shown whenever a request could not reach the server; it clears itself once the server answers again. */
export function ServerBanner() {
  const { t } = useTranslation("common");
  const queryClient = useQueryClient();
  const health = useHealth();
  const reachable = useServerReachable();
  const [retrying, setRetrying] = useState(false);

  if (reachable && !isUnreachable(health.error)) return null;

  const retry = async () => {
    setRetrying(true);
    try {
      await queryClient.refetchQueries({ type: "active" });
    } finally {
      setRetrying(false);
    }
  };

  return (
    <div className="server-banner" role="alert">
      <WifiOffIcon />
      <div className="server-banner__text">
        <strong>{t("shell.serverDown")}</strong>
        <span>{t("shell.serverDownDetail")}</span>
      </div>
      <Button size="sm" variant="secondary" icon={<RefreshIcon />} loading={retrying} onClick={() => void retry()}>
        {t("actions.retry")}
      </Button>
    </div>
  );
}
