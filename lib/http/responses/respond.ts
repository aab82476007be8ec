import { NextResponse } from "next/server";
import type { ZodError } from "zod";
import type { AppError, Result } from "@/lib/result";
import { statusOf } from "./errors";

export function errorResponse(error: AppError, headers?: HeadersInit): NextResponse {
  const response = NextResponse.json({ error }, { status: statusOf(error.code), headers });
  setRetryAfter(response.headers, { error });
  return response;
}

/**
 * An `overloaded` answer says when to come back twice: `details.retry_after_seconds` in the body and the standard
 * Retry-After header, which HTTP clients and the README's examples honour. `body` is a response body, which may
 * be an error envelope.
 */
export function setRetryAfter(headers: Headers, body: unknown): void {
  const error = (body as { error?: AppError } | null)?.error;
  const seconds = (error?.details as { retry_after_seconds?: unknown } | undefined)?.retry_after_seconds;
  if (error?.code === "overloaded" && typeof seconds === "number")
    headers.set("Retry-After", String(seconds));
}

export function zodIssues(error: ZodError): { path: string; message: string }[] {
  return error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
}

export function describeZodError(error: ZodError): string {
  const first = error.issues[0];
  if (!first) return "The request is invalid";
  return first.path.length > 0 ? `${first.path.join(".")}: ${first.message}` : first.message;
}

/** Maps a typed result to JSON: the value with `status`, or the error envelope with its code's status. */
export function respond<T>(
  result: Result<T>,
  options: { status?: number; headers?: HeadersInit } = {},
): NextResponse {
  if (!result.ok) return errorResponse(result.error, options.headers);
  return NextResponse.json(result.value, { status: options.status ?? 200, headers: options.headers });
}
