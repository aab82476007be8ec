import type { AppError } from "./errors";

// SQLSTATE class 22 ("data exception": out-of-range numbers, NUL or malformed text, bad escapes in jsonb) and
// 54001 (statement too complex: absurdly deep values). Input validation names the field first; this is the net
// under it, so a value nobody thought to validate is a 400 for the client, not a 500.
const REFUSED_VALUE = /^(22|54001)/;

/** The invalid_request a database refusal of a value maps to, or null for any other error. */
export function refusedValueError(error: unknown): AppError | null {
  for (let cause = error, depth = 0; cause && depth < 5; depth++) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === "string" && REFUSED_VALUE.test(code)) {
      return {
        code: "invalid_request",
        message: "A value in the request cannot be stored (out of range, or characters the database refuses)",
      };
    }
    cause = (cause as { cause?: unknown }).cause;
  }
  return null;
}
