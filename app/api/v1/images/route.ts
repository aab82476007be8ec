import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import { apiRoute } from "@/lib/http/api-route";
import { idempotentPost } from "@/lib/http/idempotent-post";
import { parseIngestRequest } from "@/lib/http/parse-ingest-request";
import {
  explainPlatformLimit,
  platformUploadLimits,
  refuseOverPlatformLimit,
} from "@/lib/http/platform-body-limit";
import { postImage, renderImageAnswer } from "@/lib/http/post-image";
import { errorResponse, respond } from "@/lib/http/respond";
import { listImages, listImagesQuerySchema } from "@/lib/images/list-images";
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
  return idempotentPost(req, principal, {
    requestSha256: parsed.value.requestSha256,
    run: () => postImage(deps, parsed.value),
    render: renderImageAnswer(deps),
  });
});

export const GET = apiRoute({ scope: "read" }, async ({ req }) => {
  const query = listImagesQuerySchema.parse(Object.fromEntries(req.nextUrl.searchParams));
  return respond(await listImages({ db: getDb(), storage: getStorage() }, query));
});
