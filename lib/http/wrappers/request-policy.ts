import "server-only";
import { randomUUID } from "node:crypto";
import { unstable_rethrow } from "next/navigation";
import { ZodError } from "zod";
import {
  collisionError,
  DATABASE_UNAVAILABLE,
  isDatabaseUnavailable,
  refusedValueError,
} from "@/lib/db/database-errors";
import { log } from "@/lib/logger";
import { type AppError, type Result, ThrownAppError } from "@/lib/result";
import { statusOf } from "../responses/errors";
import { describeZodError, zodIssues } from "../responses/respond";

/** Which kind of door a request came through: an API key route, a cookie route, or a server action. */
type DoorKind = "api" | "cookie" | "action";
export type Door = { kind: DoorKind; name: string; method?: string };

/** Filled in by the door as it learns who is asking; the request's one log line carries it. */
export type RequestTrace = { requestId: string; principalId?: string };

/**
 * The policy every door shares, around the work it does once it knows who is asking: a ZodError is
 * invalid_request with its issues, a value Postgres refuses is invalid_request, a lost database is a 503 to retry,
 * anything else is internal_error, logged once with its stack and never sent. Next's redirect / notFound /
 * forbidden signals pass through. Each request is logged exactly once: door, name, principal, status, duration.
 */
export async function underRequestPolicy<T>(
  door: Door,
  work: (trace: RequestTrace) => Promise<Result<T>>,
  statusOfValue: (value: T) => number,
): Promise<{ trace: RequestTrace; result: Result<T> }> {
  const trace: RequestTrace = { requestId: randomUUID() };
  const started = performance.now();
  const logLine = (status: number, code?: string) =>
    log.info(
      {
        requestId: trace.requestId,
        door: door.kind,
        method: door.method,
        name: door.name,
        principalId: trace.principalId,
        status,
        code,
        ms: Math.round(performance.now() - started),
      },
      "request",
    );
  let result: Result<T>;
  try {
    result = await work(trace);
  } catch (error) {
    passNextSignal(error, (status) => logLine(status));
    result = { ok: false, error: appErrorOf(error, door, trace) };
  }
  if (result.ok) logLine(statusOfValue(result.value));
  else logLine(statusOf(result.error.code), result.error.code);
  return { trace, result };
}

function appErrorOf(error: unknown, door: Door, trace: RequestTrace): AppError {
  if (error instanceof ThrownAppError) return error.appError;
  if (error instanceof ZodError) {
    return { code: "invalid_request", message: describeZodError(error), details: zodIssues(error) };
  }
  const refused = refusedValueError(error) ?? collisionError(error);
  if (refused) return refused;
  const where = { requestId: trace.requestId, door: door.kind, name: door.name };
  if (isDatabaseUnavailable(error)) {
    log.warn({ err: error, ...where }, "database unavailable");
    return DATABASE_UNAVAILABLE;
  }
  log.error({ err: error, ...where }, "unexpected error");
  return {
    code: "internal_error",
    message: `Something went wrong on our side (request ${trace.requestId})`,
  };
}

/** Rethrows redirect() / notFound() / forbidden() (after logging the status they answer with); returns otherwise. */
function passNextSignal(error: unknown, logStatus: (status: number) => void): void {
  try {
    unstable_rethrow(error);
  } catch (signal) {
    const digest = String((signal as { digest?: unknown }).digest ?? "");
    logStatus(digest.startsWith("NEXT_REDIRECT") ? 303 : Number(digest.split(";")[1]) || 500);
    throw signal;
  }
}
