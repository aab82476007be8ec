import pino from "pino";
import { getLogSettings } from "@/lib/config";

let instance: pino.Logger | undefined;

function logger(): pino.Logger {
  const { level, pretty } = getLogSettings();
  instance ??= pino({
    level,
    base: undefined,
    redact: {
      paths: ["authorization", "*.authorization", "password", "*.password", "secret", "*.secret"],
      remove: true,
    },
    // pino-pretty is a dev dependency: named here, it is loaded (in a worker) only in development.
    ...(pretty
      ? {
          transport: {
            target: "pino-pretty",
            options: { ignore: "pid,hostname", translateTime: "SYS:HH:MM:ss.l" },
          },
        }
      : {}),
  });
  return instance;
}

/**
 * The one logger, created at first use so it honours LOG_LEVEL as configured by then. Log fields, not sentences;
 * never secrets, keys, presigned URLs or full prompts at info. JSON lines, pretty ones in development.
 */
export const log = new Proxy({} as pino.Logger, {
  get(_target, property) {
    const target = logger();
    const value = Reflect.get(target, property);
    return typeof value === "function" ? value.bind(target) : value;
  },
});
