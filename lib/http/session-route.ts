import "server-only";
import { randomUUID } from "node:crypto";
import type { NextRequest } from "next/server";
import { hasRole, type SessionUser, type UserRole } from "@/lib/auth/roles";
import { findSessionUser } from "@/lib/auth/session";
import { log } from "@/lib/logger";
import { errorOf } from "./respond";

type RouteContext<Params> = { params: Promise<Params> };

/**
 * For the few route handlers the browser UI calls with its session cookie (downloads). Cookies ride along on
 * cross-site requests, so those are refused first (Sec-Fetch-Site, or an Origin that is not ours); then the
 * session and role are checked like a page's. Unexpected errors become internal_error, logged once.
 */
export function sessionRoute<Params>(
  options: { role: UserRole },
  handler: (args: { req: NextRequest; user: SessionUser; params: Params }) => Promise<Response>,
) {
  return async (req: NextRequest, context: RouteContext<Params>): Promise<Response> => {
    if (isCrossSite(req)) return errorOf("forbidden", "Cross-site requests are not allowed here");
    const user = await findSessionUser();
    if (!user) return errorOf("unauthorized", "Sign in first");
    if (!hasRole(user.role, options.role)) return errorOf("forbidden", `This needs the ${options.role} role`);
    try {
      return await handler({ req, user, params: await context.params });
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
