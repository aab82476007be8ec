import "server-only";
import { createHash } from "node:crypto";
import { type NextRequest, NextResponse } from "next/server";
import type { ApiKeyPrincipal } from "@/lib/auth/api-keys";
import { getDb } from "@/lib/db";
import type { Result } from "@/lib/result";
import { statusOf } from "./errors";
import { type RenderResponse, type StoredResponse, withIdempotency } from "./idempotency";
import { MAX_JSON_BODY_BYTES, readBodyBytes } from "./read-json-body";
import { errorResponse } from "./respond";

type PostOptions = {
  /** The body's hash when the route has read it already (multipart); otherwise the JSON body is read here. */
  requestSha256?: string;
  /** Does the work once per key, with the parsed JSON body (null when absent or not JSON). */
  run: (body: unknown) => Promise<StoredResponse>;
  /** Makes the answer from what `run` stored (see StoredResponse); default: the stored body as it is. */
  render?: RenderResponse;
};

/**
 * Every documented POST of /api/v1 answers through here, so `Idempotency-Key` means the same on all of them: the
 * same key with the same method, path and body replays the first answer (`Idempotent-Replayed: true`), re-rendered
 * from what was stored; the key with another request is a conflict.
 */
export async function idempotentPost(
  req: NextRequest,
  principal: ApiKeyPrincipal,
  options: PostOptions,
): Promise<Response> {
  let body: unknown = null;
  let bodyHash = options.requestSha256;
  if (bodyHash === undefined) {
    const bytes = await readBodyBytes(req, MAX_JSON_BODY_BYTES);
    if (!bytes.ok) return errorResponse(bytes.error);
    bodyHash = createHash("sha256").update(bytes.value).digest("hex");
    body = parseJson(bytes.value.toString("utf8"));
  }
  const requestSha256 = createHash("sha256")
    .update(`${req.method} ${req.nextUrl.pathname}\n${bodyHash}`)
    .digest("hex");
  const result = await withIdempotency(
    getDb(),
    { apiKeyId: principal.id, key: req.headers.get("idempotency-key"), requestSha256 },
    () => options.run(body),
    options.render,
  );
  if (!result.ok) return errorResponse(result.error);
  const headers = result.value.replayed ? { "Idempotent-Replayed": "true" } : undefined;
  return NextResponse.json(result.value.body, { status: result.value.status, headers });
}

/** A lib Result as what an idempotency key stores: the value with `status`, or the error envelope. */
export function storedResult<T>(result: Result<T>, status = 200): StoredResponse {
  return result.ok
    ? { status, body: result.value }
    : { status: statusOf(result.error.code), body: { error: result.error } };
}

function parseJson(text: string): unknown {
  if (text.trim() === "") return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
