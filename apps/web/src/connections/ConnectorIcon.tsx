import type { ConnectorMeta } from "@fluxo/contracts";
import { PlugIcon } from "../ui/index.js";

/** The connector's own SVG. It ships with the connector (trusted code), not from user input. */
export function ConnectorIcon({ connector, size = 20 }: { connector: Pick<ConnectorMeta, "icon"> | undefined; size?: number }) {
  if (!connector?.icon) return <PlugIcon className="connector-icon" width={size} height={size} />;
  return (
    <span
      className="connector-icon"
      style={{ width: size, height: size }}
      aria-hidden="true"
      dangerouslySetInnerHTML={{ __html: connector.icon }}
    />
  );
}
