// Auth.js' own error classes (next-auth re-exports them, but importing next-auth needs the Next runtime).
import { AuthError, CredentialsSignin } from "@auth/core/errors";
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
});
