// Auth.js' own error classes (next-auth re-exports them, but importing next-auth needs the Next runtime).
import { AuthError, CredentialsSignin, JWTSessionError, UnknownAction } from "@auth/core/errors";
import { decode } from "@auth/core/jwt";
import { describe, expect, it } from "vitest";
import { createAuthLogger } from "./auth-logger";

function recorder() {
  const lines: { level: string; fields: Record<string, unknown>; message: string }[] = [];
  const at =
    (level: string) =>
    (fields: Record<string, unknown>, message: string): void => {
      lines.push({ level, fields, message });
    };
  return { lines, sink: { info: at("info"), warn: at("warn"), error: at("error"), debug: at("debug") } };
}

describe("createAuthLogger", () => {
  it("logs a failed sign-in as one info line with its code and no stack", () => {
    const { lines, sink } = recorder();
    const refused = new CredentialsSignin();
    refused.code = "wrong_credentials";
    createAuthLogger(sink as never).error?.(refused);
    expect(lines).toEqual([
      { level: "info", fields: { code: "wrong_credentials" }, message: "sign-in refused" },
    ]);
  });

  it("keeps real failures as errors, with the error for its stack", () => {
    const { lines, sink } = recorder();
    class Broken extends AuthError {
      static type = "CallbackRouteError";
    }
    const broken = new Broken("database down");
    createAuthLogger(sink as never).error?.(broken);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: "error", fields: { err: broken }, message: "auth error" });
  });

  it("logs what a request got wrong as one info line: an unknown auth path, a session cookie that does not decrypt", async () => {
    const { lines, sink } = recorder();
    const logger = createAuthLogger(sink as never);
    logger.error?.(new UnknownAction("Cannot parse action at /api/auth/%00"));
    const sealed = await decode({ token: "%ff", secret: "s".repeat(32), salt: "authjs.session-token" }).catch(
      (error: Error) => error,
    );
    // As Auth.js wraps it (lib/actions/session.js): the decode error is the cause's `err`.
    logger.error?.(new JWTSessionError("session", { cause: { err: sealed } }));
    expect(lines).toEqual([
      { level: "info", fields: { type: "UnknownAction" }, message: "auth: request refused" },
      { level: "info", fields: { type: "JWTSessionError" }, message: "auth: request refused" },
    ]);
  });

  it("keeps a session that fails for our own reasons an error", () => {
    const { lines, sink } = recorder();
    const failed = new JWTSessionError("session", { cause: { err: new Error("connection refused") } });
    createAuthLogger(sink as never).error?.(failed);
    expect(lines).toEqual([
      { level: "error", fields: { err: failed, type: "JWTSessionError" }, message: "auth error" },
    ]);
  });
});
