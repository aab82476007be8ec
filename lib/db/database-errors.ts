import type { AppError } from "@/lib/result";

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

// 40001 (serialization failure) and 40P01 (deadlock detected): two changes met at the same moment and Postgres
// undid one, whole. Two admins demoting each other at once end so (each holds their own credential row, see
// lib/auth/credential-fence.ts); the undone one may simply retry.
const COLLIDED = new Set(["40001", "40P01"]);

/** The conflict a transaction Postgres undid because of a concurrent one maps to, or null. */
export function collisionError(error: unknown): AppError | null {
  for (let cause = error, depth = 0; cause && depth < 5; depth++) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === "string" && COLLIDED.has(code)) {
      return {
        code: "conflict",
        message: "This change collided with another one made at the same moment; retry",
      };
    }
    cause = (cause as { cause?: unknown }).cause;
  }
  return null;
}

// postgres.js connection failures, socket errors, and SQLSTATE class 08 (connection exception), 57P0x (the server
// is shutting down or starting) and 53300 (too many connections): the database did not answer, try again.
const UNAVAILABLE_CODES = new Set([
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "CONNECT_TIMEOUT",
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "57P01",
  "57P02",
  "57P03",
  "53300",
]);

/** Whether the error means the database could not be reached (as opposed to refusing the statement). */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let cause = error, depth = 0; cause && depth < 5; depth++) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === "string" && (UNAVAILABLE_CODES.has(code) || code.startsWith("08"))) return true;
    cause = (cause as { cause?: unknown }).cause;
  }
  return false;
}

export const DATABASE_UNAVAILABLE: AppError = {
  code: "database_unavailable",
  message: "The database did not answer; retry shortly (with the same Idempotency-Key, if you sent one)",
};

/** The constraint a unique violation (23505) names, or null for any other error. */
export function uniqueViolationOf(error: unknown): string | null {
  for (let cause = error, depth = 0; cause && depth < 5; depth++) {
    const { code, constraint_name } = cause as { code?: unknown; constraint_name?: unknown };
    if (code === "23505") return typeof constraint_name === "string" ? constraint_name : null;
    cause = (cause as { cause?: unknown }).cause;
  }
  return null;
}
