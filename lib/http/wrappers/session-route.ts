import "server-only";
import type { NextRequest } from "next/server";
import type { z } from "zod";
import type { SessionUser, UserRole } from "@/lib/enums/roles";
import { err, ok, type Result } from "@/lib/result";
import { errorResponse } from "../responses/respond";
import type { PartOf } from "./api-route";
import { type HandlerContext, handlerContext } from "./handler-context";
import { underRequestPolicy } from "./request-policy";
import { checkSessionAccess, underSessionFence } from "./session-access";

type SessionRouteOptions = { role: UserRole; params?: z.ZodType; query?: z.ZodType };
type SessionRouteArgs<O> = {
  req: NextRequest;
  /** The stores (lib/http/wrappers/handler-context.ts), each made on first use. */
  ctx: HandlerContext;
  user: SessionUser;
  params: PartOf<O, "params">;
  query: PartOf<O, "query">;
};

/**
 * For the few route handlers the browser UI calls with its session cookie (downloads). Cookies ride along on
 * cross-site requests, so those are refused first (Sec-Fetch-Site, or an Origin that is not ours); then the
 * session, a pending password change and the role, as for pages and actions; then the path and query schemas; then
 * the handler, given the request's context (its stores).
 * Errors and logging follow the shared request policy (lib/http/wrappers/request-policy.ts).
 */
export function sessionRoute<const O extends SessionRouteOptions>(
  options: O,
  handler: (args: SessionRouteArgs<O>) => Promise<Response>,
) {
  return async (req: NextRequest, context: { params: Promise<unknown> }): Promise<Response> => {
    const door = { kind: "cookie" as const, name: req.nextUrl.pathname, method: req.method };
    const { trace, result } = await underRequestPolicy(
      door,
      async (trace): Promise<Result<Response>> => {
        if (isCrossSite(req)) return err("forbidden", "Cross-site requests are not allowed here");
        const user = await checkSessionAccess(options.role);
        if (!user.ok) return user;
        trace.principalId = user.value.id;
        const params = options.params?.parse(await context.params);
        const query = options.query?.parse(Object.fromEntries(req.nextUrl.searchParams));
        const args = { req, ctx: handlerContext(), user: user.value, params, query } as SessionRouteArgs<O>;
        return ok(await underSessionFence(options.role, user.value, () => handler(args)));
      },
      (response) => response.status,
    );
    const response = result.ok ? result.value : errorResponse(result.error);
    response.headers.set("X-Request-Id", trace.requestId);
    return response;
  };
}

function isCrossSite(req: NextRequest): boolean {
  const site = req.headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") return true;
  const origin = req.headers.get("origin");
  return origin !== null && origin !== req.nextUrl.origin;
}
