import pino from "pino";
import { getConfig } from "@/lib/config";

/** The one logger. Log fields, not sentences; never secrets, keys, presigned URLs or full prompts at info. */
export const log = pino({
  level: safeLogLevel(),
  base: undefined,
  redact: {
    paths: ["authorization", "*.authorization", "password", "*.password", "secret", "*.secret"],
    remove: true,
  },
});

function safeLogLevel(): string {
  try {
    return getConfig().logLevel;
  } catch {
    return "info";
  }
}
