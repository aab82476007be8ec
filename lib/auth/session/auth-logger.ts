import type { NextAuthConfig } from "next-auth";
import type { Logger } from "pino";

type AuthLogger = NonNullable<NextAuthConfig["logger"]>;

/**
 * Auth.js' log lines through our logger. A refused sign-in (wrong password, rate limit) is an expected outcome:
 * one info line with its code, not the 10-line `[auth][error] CredentialsSignin` stack Auth.js prints itself.
 * The e-mail is not logged; the login_attempts table keeps it. So is a request's own fault (isRequestFault).
 */
export function createAuthLogger(sink: Pick<Logger, "info" | "warn" | "error" | "debug">): AuthLogger {
  return {
    error(error) {
      const type = "type" in error && typeof error.type === "string" ? error.type : error.name;
      if (type === "CredentialsSignin") {
        sink.info({ code: "code" in error ? error.code : undefined }, "sign-in refused");
        return;
      }
      if (isRequestFault(error, type)) {
        sink.info({ type }, "auth: request refused");
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

/**
 * What the request itself got wrong, which anyone can send: a path under /api/auth that names no Auth.js action,
 * a session cookie that does not decrypt (tampered with, or sealed under another secret). One info line each, no
 * stack. A session that fails for any other reason (our callbacks, the database) stays an error.
 */
function isRequestFault(error: Error, type: string): boolean {
  if (type === "UnknownAction") return true;
  if (type !== "JWTSessionError") return false;
  const cause = (error.cause as { err?: { code?: unknown } } | undefined)?.err;
  return typeof cause?.code === "string" && /^ERR_JW[EST]_/.test(cause.code);
}
