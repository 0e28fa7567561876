import type { Response } from "express";

/**
 * Waits `ms` (latency, scripted delays) while the client is still connected. Resolves
 * false as soon as the connection closes — the client gave up, or close() destroyed the
 * socket — so nothing is answered or counted for a request nobody waits for.
 */
export function waitWhileConnected(ms: number, res: Response): Promise<boolean> {
  if (res.destroyed) return Promise.resolve(false);
  if (ms <= 0) return Promise.resolve(true);
  return new Promise((resolve) => {
    const finish = (elapsed: boolean) => {
      clearTimeout(timer);
      res.off("close", onClose);
      resolve(elapsed);
    };
    const onClose = () => finish(false);
    const timer = setTimeout(() => finish(true), ms);
    res.once("close", onClose);
  });
}
