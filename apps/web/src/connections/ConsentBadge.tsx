import { useTranslation } from "react-i18next";
import type { ConnectionAuthorization } from "@fluxo/contracts";
import { Badge, type BadgeTone } from "../ui/index.js";

const TONE: Record<ConnectionAuthorization["status"], BadgeTone> = { connected: "success", reconnect_required: "danger", not_connected: "warning" };

/** Whether an Authorization Code connection holds the account's consent ("Conectado", "Reconexão necessária"…). */
export function ConsentBadge({ authorization }: { authorization: ConnectionAuthorization }) {
  const { t } = useTranslation("connections");
  return (
    <span className="consent-badge" data-testid="consent-badge" title={authorization.problem ?? undefined}>
      <Badge tone={TONE[authorization.status]}>{t(`oauth.status.${authorization.status}`)}</Badge>
    </span>
  );
}
