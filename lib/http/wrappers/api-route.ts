import "server-only";
import { createHash } from "node:crypto";
import { type NextRequest, NextResponse } from "next/server";
import { ZodType, type z } from "zod";
import { clientIpOf } from "@/lib/auth/client-ip";
import { apiKeyFence } from "@/lib/auth/credential-fence";
import { type ApiKeyPrincipal, authenticateApiKey, hasScope } from "@/lib/auth/keys/api-keys";
import { getConfig } from "@/lib/config";
import { runFenced } from "@/lib/db/request-fence";
import type { ApiKeyScope } from "@/lib/enums/api-key-scopes";
import { err, ok, type Result } from "@/lib/result";
import { MAX_JSON_BODY_BYTES, readJsonBody } from "../bodies/read-json-body";
import { errorResponse, setRetryAfter } from "../responses/respond";
import { type HandlerContext, handlerContext } from "./handler-context";
import { type RenderResponse, type StoredResponse, withIdempotency } from "./idempotency";
import { type RequestTrace, underRequestPolicy } from "./request-policy";

/** A body that is not one JSON document (multipart): read, checked and hashed by the route's own reader. */
export type BodyReader<T> = { read: (req: NextRequest) => Promise<Result<{ value: T; sha256: string }>> };

type ApiRouteOptions = {
  scope: ApiKeyScope;
  /** The path's segments (`[id]`); a ZodError answers invalid_request naming the segment. */
  params?: z.ZodType;
  /** The query string, as one value per name. */
  query?: z.ZodType;
  /** A JSON body read under `maxBodyBytes` and parsed by the schema (an empty body is `undefined`), or a reader. */
  body?: z.ZodType | BodyReader<unknown>;
  maxBodyBytes?: number;
  /**
   * The POST is safe to retry under `Idempotency-Key` (lib/http/wrappers/idempotency.ts): the handler returns what to
   * store, `render` (given the request's context) makes the answer from it, the first time and on every replay.
   */
  idempotent?: true | { render: (ctx: HandlerContext) => RenderResponse };
};

type Parsed<Source> = Source extends z.ZodType
  ? z.output<Source>
  : Source extends BodyReader<infer T>
    ? T
    : undefined;
/** The parsed type of a door's `params` / `query` / `body` / `input` option; `undefined` when it has none. */
export type PartOf<O, Key extends string> = O extends { [K in Key]: infer Source }
  ? Parsed<Source>
  : undefined;

export type ApiArgs<O> = {
  req: NextRequest;
  /** The stores (lib/http/wrappers/handler-context.ts), each made on first use. */
  ctx: HandlerContext;
  principal: ApiKeyPrincipal;
  requestId: string;
  params: PartOf<O, "params">;
  query: PartOf<O, "query">;
  body: PartOf<O, "body">;
};
type ApiAnswer<O> = O extends { idempotent: true | object } ? StoredResponse : Response;
type RouteContext = { params: Promise<unknown> };

/**
 * The one wrapper every /api/v1 route goes through, in this order: the API key (401), its scope (403), the path,
 * query and body against the route's schemas (400 / 413), the Idempotency-Key claim for a POST that takes one,
 * then the handler, given the request's context (its stores, which the key check and the claim use too). Errors
 * follow the shared request policy (lib/http/wrappers/request-policy.ts): one log line per request, internal errors logged
 * with their stack and never sent. Every answer carries X-Request-Id.
 */
export function apiRoute<const O extends ApiRouteOptions>(
  options: O,
  handler: (args: ApiArgs<O>) => Promise<ApiAnswer<O>>,
) {
  const route = async (req: NextRequest, context: RouteContext): Promise<Response> => {
    const door = { kind: "api" as const, name: req.nextUrl.pathname, method: req.method };
    const { trace, result } = await underRequestPolicy(
      door,
      (trace) => handle(options, handler, req, context, trace),
      (response: Response) => response.status,
    );
    const response = result.ok ? result.value : errorResponse(result.error);
    response.headers.set("X-Request-Id", trace.requestId);
    return response;
  };
  // Readable by a test that holds every documented POST to Idempotency-Key (app/api/v1/idempotent-posts.test.ts).
  return Object.assign(route, { idempotent: options.idempotent !== undefined });
}

async function handle<O extends ApiRouteOptions>(
  options: O,
  handler: (args: ApiArgs<O>) => Promise<ApiAnswer<O>>,
  req: NextRequest,
  context: RouteContext,
  trace: RequestTrace,
): Promise<Result<Response>> {
  const ctx = handlerContext();
  const principal = await authenticate(ctx, req, options.scope, trace);
  if (!principal.ok) return principal;
  // Every write of this request re-checks, where it commits, that the key is still valid (lib/db/request-fence.ts).
  return runFenced(apiKeyFence(principal.value.id), () =>
    handleAs({ ctx, principal: principal.value, trace }, options, handler, req, context),
  );
}

async function handleAs<O extends ApiRouteOptions>(
  { ctx, principal, trace }: { ctx: HandlerContext; principal: ApiKeyPrincipal; trace: RequestTrace },
  options: O,
  handler: (args: ApiArgs<O>) => Promise<ApiAnswer<O>>,
  req: NextRequest,
  context: RouteContext,
): Promise<Result<Response>> {
  const params = options.params ? options.params.parse(await context.params) : undefined;
  const query = options.query ? options.query.parse(Object.fromEntries(req.nextUrl.searchParams)) : undefined;
  const body = await readBody(req, options);
  if (!body.ok) return body;
  const args = {
    req,
    ctx,
    principal,
    requestId: trace.requestId,
    params,
    query,
    body: body.value.value,
  } as ApiArgs<O>;
  if (!options.idempotent) return ok((await handler(args)) as Response);

  const requestSha256 = createHash("sha256")
    .update(`${req.method} ${req.nextUrl.pathname}\n${body.value.sha256}`)
    .digest("hex");
  const answered = await withIdempotency(
    ctx.db,
    { apiKeyId: principal.id, key: req.headers.get("idempotency-key"), requestSha256 },
    async () => (await handler(args)) as StoredResponse,
    options.idempotent === true ? undefined : options.idempotent.render(ctx),
  );
  if (!answered.ok) return answered;
  const headers = answered.value.replayed ? { "Idempotent-Replayed": "true" } : undefined;
  const response = NextResponse.json(answered.value.body, { status: answered.value.status, headers });
  setRetryAfter(response.headers, answered.value.body);
  return ok(response);
}

async function authenticate(
  ctx: HandlerContext,
  req: NextRequest,
  scope: ApiKeyScope,
  trace: RequestTrace,
): Promise<Result<ApiKeyPrincipal>> {
  const token = req.headers.get("authorization")?.match(/^Bearer\s+(\S+)\s*$/i)?.[1];
  if (!token) return err("unauthorized", "Send an API key as `Authorization: Bearer <key>`");
  const principal = await authenticateApiKey(ctx.db, token, clientIpOf(req.headers, getConfig().trustProxy));
  if (!principal.ok) return principal;
  trace.principalId = principal.value.id;
  if (!hasScope(principal.value, scope)) return err("forbidden", `This API key lacks the "${scope}" scope`);
  return principal;
}

/** The body as the route declared it; without a declared body an idempotent POST still hashes what was sent. */
async function readBody(
  req: NextRequest,
  options: ApiRouteOptions,
): Promise<Result<{ value: unknown; sha256: string }>> {
  const source = options.body;
  if (source && !(source instanceof ZodType)) return source.read(req);
  if (!source && !options.idempotent) return ok({ value: undefined, sha256: "" });
  const json = await readJsonBody(req, options.maxBodyBytes ?? MAX_JSON_BODY_BYTES);
  if (!json.ok || !source) return json;
  return ok({ value: source.parse(json.value.value), sha256: json.value.sha256 });
}
