import { NextResponse } from "next/server";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import { apiRoute } from "@/lib/http/api-route";
import { errorResponse, respond } from "@/lib/http/respond";
import { listImages, listImagesQuerySchema } from "@/lib/images/list-images";
import { parseIngestRequest } from "@/lib/images/parse-ingest-request";
import { postImage } from "@/lib/images/post-image";
import { getStorage } from "@/lib/storage/storage";

export const dynamic = "force-dynamic";

export const POST = apiRoute({ scope: "ingest" }, async ({ req, principal }) => {
  const { limits } = getConfig();
  const parsed = await parseIngestRequest(req, limits);
  if (!parsed.ok) return errorResponse(parsed.error);
  const deps = { db: getDb(), storage: getStorage(), limits };
  const result = await postImage(deps, principal, parsed.value, req.headers.get("idempotency-key"));
  if (!result.ok) return errorResponse(result.error);
  const headers = result.value.replayed ? { "Idempotent-Replayed": "true" } : undefined;
  return NextResponse.json(result.value.body, { status: result.value.status, headers });
});

export const GET = apiRoute({ scope: "read" }, async ({ req }) => {
  const query = listImagesQuerySchema.parse(Object.fromEntries(req.nextUrl.searchParams));
  return respond(await listImages({ db: getDb(), storage: getStorage() }, query));
});
