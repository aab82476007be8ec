import { NextResponse } from "next/server";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import { apiRoute } from "@/lib/http/api-route";
import {
  explainPlatformLimit,
  platformUploadLimits,
  refuseOverPlatformLimit,
} from "@/lib/http/platform-body-limit";
import { errorResponse, respond } from "@/lib/http/respond";
import { listImages, listImagesQuerySchema } from "@/lib/images/list-images";
import { parseIngestRequest } from "@/lib/images/parse-ingest-request";
import { postImage } from "@/lib/images/post-image";
import { getStorage } from "@/lib/storage/storage";

export const dynamic = "force-dynamic";

export const POST = apiRoute({ scope: "ingest" }, async ({ req, principal }) => {
  const config = getConfig();
  const { limits, deployTarget } = config;
  const overPlatform = refuseOverPlatformLimit(req.headers, deployTarget);
  if (overPlatform) return errorResponse(overPlatform);
  const parsed = await parseIngestRequest(req, platformUploadLimits(config));
  if (!parsed.ok) return errorResponse(explainPlatformLimit(parsed.error, deployTarget));
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
