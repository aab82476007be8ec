import { NextResponse } from "next/server";
import { z } from "zod";
import { listCritiques, listCritiquesQuerySchema } from "@/lib/critics/list-critiques";
import { postImageCritique } from "@/lib/critics/post-critiques";
import { getDb } from "@/lib/db";
import { apiRoute } from "@/lib/http/api-route";
import { readJsonBody } from "@/lib/http/read-json-body";
import { errorResponse, respond } from "@/lib/http/respond";

export const dynamic = "force-dynamic";
const paramsSchema = z.object({ id: z.uuid("id must be a UUID") });
const MAX_BODY_BYTES = 1024 * 1024;

export const POST = apiRoute<{ id: string }>({ scope: "critic" }, async ({ req, principal, params }) => {
  const { id } = paramsSchema.parse(params);
  const body = await readJsonBody(req, MAX_BODY_BYTES);
  if (!body.ok) return errorResponse(body.error);
  const result = await postImageCritique(getDb(), principal, {
    imageId: id,
    body: body.value,
    idempotencyKey: req.headers.get("idempotency-key"),
  });
  if (!result.ok) return errorResponse(result.error);
  const headers = result.value.replayed ? { "Idempotent-Replayed": "true" } : undefined;
  return NextResponse.json(result.value.body, { status: result.value.status, headers });
});

export const GET = apiRoute<{ id: string }>({ scope: "read" }, async ({ req, params }) => {
  const { id } = paramsSchema.parse(params);
  const query = listCritiquesQuerySchema
    .omit({ image_id: true })
    .parse(Object.fromEntries(req.nextUrl.searchParams));
  return respond(await listCritiques(getDb(), { ...query, image_id: id }));
});
