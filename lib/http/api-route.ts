import "server-only";
import { randomUUID } from "node:crypto";
import type { NextRequest } from "next/server";
import { ZodError } from "zod";
import type { ApiKeyScope } from "@/lib/auth/api-key-scopes";
import { type ApiKeyPrincipal, authenticateApiKey, hasScope } from "@/lib/auth/api-keys";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import { DATABASE_UNAVAILABLE, isDatabaseUnavailable, refusedValueError } from "@/lib/db/database-errors";
import { log } from "@/lib/logger";
import { clientIpOf } from "./client-ip";
import { errorOf, zodErrorResponse } from "./respond";

type RouteContext<Params> = { params: Promise<Params> };
export type ApiHandlerArgs<Params> = {
  req: NextRequest;
  principal: ApiKeyPrincipal;
  params: Params;
  requestId: string;
};

/**
 * The one wrapper every /api/v1 route goes through: authenticate the API key, check its scope, run the
 * handler, map ZodErrors to invalid_request and anything unexpected to internal_error (logged once, with stack;
 * never sent). Logs each request once.
 */
export function apiRoute<Params = Record<string, never>>(
  options: { scope: ApiKeyScope },
  handler: (args: ApiHandlerArgs<Params>) => Promise<Response>,
) {
  return async (req: NextRequest, context: RouteContext<Params>): Promise<Response> => {
    const requestId = randomUUID();
    const started = performance.now();
    let principalId: string | undefined;
    let response: Response;
    try {
      const token = bearerToken(req);
      if (!token) {
        response = errorOf("unauthorized", "Send an API key as `Authorization: Bearer <key>`");
      } else {
        const auth = await authenticateApiKey(
          getDb(),
          token,
          clientIpOf(req.headers, getConfig().trustProxy),
        );
        if (!auth.ok) response = errorOf(auth.error.code, auth.error.message);
        else if (!hasScope(auth.value, options.scope)) {
          principalId = auth.value.id;
          response = errorOf("forbidden", `This API key lacks the "${options.scope}" scope`);
        } else {
          principalId = auth.value.id;
          response = await handler({ req, principal: auth.value, params: await context.params, requestId });
        }
      }
    } catch (error) {
      const refused = refusedValueError(error);
      if (error instanceof ZodError) response = zodErrorResponse(error);
      else if (refused) response = errorOf(refused.code, refused.message);
      else if (isDatabaseUnavailable(error)) {
        log.warn({ err: error, requestId, route: req.nextUrl.pathname }, "database unavailable");
        response = errorOf(DATABASE_UNAVAILABLE.code, DATABASE_UNAVAILABLE.message);
      } else {
        log.error({ err: error, requestId, route: req.nextUrl.pathname }, "unexpected error");
        response = errorOf("internal_error", `Something went wrong on our side (request ${requestId})`);
      }
    }
    response.headers.set("X-Request-Id", requestId);
    log.info(
      {
        requestId,
        method: req.method,
        route: req.nextUrl.pathname,
        principalId,
        status: response.status,
        ms: Math.round(performance.now() - started),
      },
      "api request",
    );
    return response;
  };
}

function bearerToken(req: NextRequest): string | null {
  const header = req.headers.get("authorization");
  const match = header?.match(/^Bearer\s+(\S+)\s*$/i);
  return match?.[1] ?? null;
}
