import "server-only";
import { randomUUID } from "node:crypto";
import type { NextRequest } from "next/server";
import type { SessionUser, UserRole } from "@/lib/auth/roles";
import { requireActionUser } from "@/lib/auth/session";
import { log } from "@/lib/logger";
import { errorOf } from "./respond";

type RouteContext<Params> = { params: Promise<Params> };

/**
 * For the few route handlers the browser UI calls with its session cookie (downloads). Cookies ride along on
 * cross-site requests, so those are refused first (Sec-Fetch-Site, or an Origin that is not ours); then the
 * session, a pending password change and the role are checked as for pages and actions. Unexpected errors become internal_error, logged once.
 */
export function sessionRoute<Params>(
  options: { role: UserRole },
  handler: (args: { req: NextRequest; user: SessionUser; params: Params }) => Promise<Response>,
) {
  return async (req: NextRequest, context: RouteContext<Params>): Promise<Response> => {
    if (isCrossSite(req)) return errorOf("forbidden", "Cross-site requests are not allowed here");
    // The same policy as pages and actions, a pending password change included.
    const access = await requireActionUser(options.role);
    if (!access.ok) return errorOf(access.error.code, access.error.message);
    try {
      return await handler({ req, user: access.value, params: await context.params });
    } catch (error) {
      const requestId = randomUUID();
      log.error({ err: error, requestId, route: req.nextUrl.pathname }, "unexpected error");
      return errorOf("internal_error", `Something went wrong on our side (request ${requestId})`);
    }
  };
}

function isCrossSite(req: NextRequest): boolean {
  const site = req.headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") return true;
  const origin = req.headers.get("origin");
  return origin !== null && origin !== req.nextUrl.origin;
}
