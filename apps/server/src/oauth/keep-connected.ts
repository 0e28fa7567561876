import type { Logger } from "../logger.js";
import type { ConnectionGrantService } from "./connection-grants.js";

/**
 * "Manter conectado": every API process looks, every `intervalMs`, for connections whose refresh
 * token lapses within two days and refreshes them. However many processes look at once, each
 * connection is refreshed once: the refresh re-checks the lapse under the grant's row lock, so
 * the second process finds it renewed and asks nothing.
 */
export function startKeepConnected(grants: ConnectionGrantService, logger: Logger, intervalMs: number): { stop(): void; pass(): Promise<number> } {
  let running: Promise<number> | null = null;
  const pass = () => {
    running ??= grants
      .keepConnected()
      .then((refreshed) => {
        if (refreshed > 0) logger.info({ refreshed }, "keep connected: refreshed connections whose refresh token was about to lapse");
        return refreshed;
      })
      .catch((error: unknown) => {
        logger.warn({ err: error }, "keep connected: the pass failed; trying again at the next one");
        return 0;
      })
      .finally(() => (running = null));
    return running;
  };
  const timer = setInterval(() => void pass(), intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer), pass };
}
