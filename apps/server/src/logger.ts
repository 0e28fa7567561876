import { pino, type Logger } from "pino";

/** Paths pino blanks out wherever they appear in a log line: credentials never reach logs. */
export const REDACTED_LOG_PATHS = [
  "req.headers.authorization",
  "req.headers.cookie",
  'res.headers["set-cookie"]',
  "*.clientSecret",
  "*.client_secret",
  "*.secrets",
  "*.access_token",
  "*.accessToken",
  "*.password",
  "*.passwordHash",
  "*.authorization",
  "*.cookie",
  "*.token",
  "*.key",
  "*.refresh_token",
  "*.id_token",
  "values.clientSecret",
  "*.headers.authorization",
  "*.headers.cookie",
  "*.requestHeaders.authorization",
  "*.requestHeaders.Authorization",
];

export function createLogger(level: string): Logger {
  return pino({ level, redact: { paths: REDACTED_LOG_PATHS, censor: "[redacted]" } });
}

export type { Logger };
