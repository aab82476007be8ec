import pino from "pino";
import { getLogLevel } from "@/lib/config";

let instance: pino.Logger | undefined;

function logger(): pino.Logger {
  instance ??= pino({
    level: getLogLevel(),
    base: undefined,
    redact: {
      paths: ["authorization", "*.authorization", "password", "*.password", "secret", "*.secret"],
      remove: true,
    },
  });
  return instance;
}

/**
 * The one logger, created at first use so it honours LOG_LEVEL as configured by then. Log fields, not sentences;
 * never secrets, keys, presigned URLs or full prompts at info.
 */
export const log = new Proxy({} as pino.Logger, {
  get(_target, property) {
    const target = logger();
    const value = Reflect.get(target, property);
    return typeof value === "function" ? value.bind(target) : value;
  },
});
