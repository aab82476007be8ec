// Typed results and the closed set of error codes: a leaf (imports nothing), so every domain module can return
// them without pointing "up" at lib/http, which owns the code → HTTP status table (lib/http/responses/errors.ts).

const ERROR_CODES = [
  "invalid_request",
  "unauthorized",
  "forbidden",
  "not_found",
  "conflict",
  "length_required",
  "payload_too_large",
  "unsupported_media_type",
  "invalid_image",
  "rate_limited",
  "internal_error",
  "storage_unavailable",
  "database_unavailable",
  "overloaded",
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** `message` is safe to show to people; `details` is machine-readable and never holds stacks, SQL or bucket names. */
export type AppError = { code: ErrorCode; message: string; details?: unknown };

export type Result<T, E = AppError> = { ok: true; value: T } | { ok: false; error: E };

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const err = (code: ErrorCode, message: string, details?: unknown): Result<never> => ({
  ok: false,
  error: details === undefined ? { code, message } : { code, message, details },
});

/**
 * An AppError thrown from where a Result cannot be returned (inside a transaction callback, below a catch that
 * cleans up); every door answers it as the AppError it carries, never as internal_error.
 */
export class ThrownAppError extends Error {
  constructor(readonly appError: AppError) {
    super(appError.message);
  }
}
