import type { NextAuthConfig } from "next-auth";
import type { Logger } from "pino";

type AuthLogger = NonNullable<NextAuthConfig["logger"]>;

/**
 * Auth.js' log lines through our logger. A refused sign-in (wrong password, rate limit) is an expected outcome:
 * one info line with its code, not the 10-line `[auth][error] CredentialsSignin` stack Auth.js prints itself.
 * The e-mail is not logged; the login_attempts table keeps it.
 */
export function createAuthLogger(sink: Pick<Logger, "info" | "warn" | "error" | "debug">): AuthLogger {
  return {
    error(error) {
      const type = "type" in error && typeof error.type === "string" ? error.type : error.name;
      if (type === "CredentialsSignin") {
        sink.info({ code: "code" in error ? error.code : undefined }, "sign-in refused");
        return;
      }
      sink.error({ err: error, type }, "auth error");
    },
    warn(code) {
      sink.warn({ code }, "auth warning");
    },
    debug(message, metadata) {
      sink.debug({ metadata }, `auth: ${message}`);
    },
  };
}
