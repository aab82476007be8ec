import { NextResponse } from "next/server";
import { listCritiques, listCritiquesQuerySchema } from "@/lib/critics/list-critiques";
import { postCritiqueBatch } from "@/lib/critics/post-critiques";
import { getDb } from "@/lib/db";
import { apiRoute } from "@/lib/http/api-route";
import { MAX_JSON_BODY_BYTES, readJsonBody } from "@/lib/http/read-json-body";
import { errorResponse, respond } from "@/lib/http/respond";

export const dynamic = "force-dynamic";
// 500 items with modest raw JSON each; a larger body is refused before it is read whole.

export const POST = apiRoute({ scope: "critic" }, async ({ req, principal }) => {
  const body = await readJsonBody(req, MAX_JSON_BODY_BYTES);
  if (!body.ok) return errorResponse(body.error);
  const result = await postCritiqueBatch(getDb(), principal, {
    body: body.value,
    idempotencyKey: req.headers.get("idempotency-key"),
  });
  if (!result.ok) return errorResponse(result.error);
  const headers = result.value.replayed ? { "Idempotent-Replayed": "true" } : undefined;
  return NextResponse.json(result.value.body, { status: result.value.status, headers });
});

export const GET = apiRoute({ scope: "read" }, async ({ req }) => {
  const query = listCritiquesQuerySchema.parse(Object.fromEntries(req.nextUrl.searchParams));
  return respond(await listCritiques(getDb(), query));
});
