/** The closed set of error codes the API and server actions answer with, and the one status table. */
export const ERROR_STATUS = {
  invalid_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  invalid_image: 422,
  rate_limited: 429,
  internal_error: 500,
  storage_unavailable: 503,
  database_unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** `message` is safe to show to people; `details` is machine-readable and never holds stacks, SQL or bucket names. */
export type AppError = { code: ErrorCode; message: string; details?: unknown };

export type Result<T, E = AppError> = { ok: true; value: T } | { ok: false; error: E };

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const err = (code: ErrorCode, message: string, details?: unknown): Result<never> => ({
  ok: false,
  error: details === undefined ? { code, message } : { code, message, details },
});

export function statusOf(code: ErrorCode): number {
  return ERROR_STATUS[code];
}
