import "server-only";
import { unstable_rethrow } from "next/navigation";
import { ZodError } from "zod";
import { DATABASE_UNAVAILABLE, isDatabaseUnavailable, refusedValueError } from "@/lib/db/database-errors";
import { log } from "@/lib/logger";
import type { AppError, Result } from "@/lib/result";
import { describeZodError, zodIssues } from "./respond";

/** What every server action returns: the same error object as the API, never an exception's message. */
export type ActionResult<T = void> = { ok: true; data: T } | { ok: false; error: AppError };

/**
 * Runs an action body: ZodErrors become invalid_request, anything unexpected is logged once and becomes
 * internal_error; Next's redirect/notFound/forbidden signals pass through.
 */
export async function runAction<T>(name: string, body: () => Promise<Result<T>>): Promise<ActionResult<T>> {
  try {
    const result = await body();
    return result.ok ? { ok: true, data: result.value } : { ok: false, error: result.error };
  } catch (error) {
    unstable_rethrow(error);
    if (error instanceof ZodError) {
      return {
        ok: false,
        error: { code: "invalid_request", message: describeZodError(error), details: zodIssues(error) },
      };
    }
    const refused = refusedValueError(error);
    if (refused) return { ok: false, error: refused };
    if (isDatabaseUnavailable(error)) {
      log.warn({ err: error, action: name }, "database unavailable");
      return { ok: false, error: DATABASE_UNAVAILABLE };
    }
    log.error({ err: error, action: name }, "unexpected error in server action");
    return { ok: false, error: { code: "internal_error", message: "Something went wrong on our side" } };
  }
}

/**
 * The submitted form, or an empty one when an action is called without it (a hand-made request): validation then
 * answers invalid_request instead of the action crashing into internal_error.
 */
export function asFormData(form: unknown): FormData {
  return form instanceof FormData ? form : new FormData();
}
