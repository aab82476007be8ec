import type { AppError } from "@/lib/result";

/** What every server action returns: the same error object as the API, never an exception's message. */
export type ActionResult<T = void> = { ok: true; data: T } | { ok: false; error: AppError };
