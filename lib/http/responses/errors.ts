import type { ErrorCode } from "@/lib/result";

/** The one table from error code to HTTP status (the codes themselves live in the leaf lib/result.ts). */
export const ERROR_STATUS = {
  invalid_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  // A request to a page without Content-Length (lib/http/doors/page-body.ts): it could not be refused before read.
  length_required: 411,
  payload_too_large: 413,
  unsupported_media_type: 415,
  invalid_image: 422,
  rate_limited: 429,
  internal_error: 500,
  storage_unavailable: 503,
  database_unavailable: 503,
  // The ingest backlog is full: details.retry_after_seconds, also sent as Retry-After (lib/http/responses/respond.ts).
  overloaded: 503,
} as const satisfies Record<ErrorCode, number>;

export function statusOf(code: ErrorCode): number {
  return ERROR_STATUS[code];
}
