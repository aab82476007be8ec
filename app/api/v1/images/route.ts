import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import { apiRoute } from "@/lib/http/api-route";
import type { RenderResponse } from "@/lib/http/idempotency";
import { ingestBody } from "@/lib/http/ingest-body";
import { postImage, renderImageAnswer } from "@/lib/http/post-image";
import { respond } from "@/lib/http/respond";
import { listImages, listImagesQuerySchema } from "@/lib/images/list-images";
import { getStorage } from "@/lib/storage/storage";

export const dynamic = "force-dynamic";

const ingestDeps = () => ({ db: getDb(), storage: getStorage(), limits: getConfig().limits });
const render: RenderResponse = (stored) => renderImageAnswer(ingestDeps())(stored);

export const POST = apiRoute(
  { scope: "ingest", body: ingestBody, idempotent: { render } },
  async ({ body }) => postImage(ingestDeps(), body),
);

export const GET = apiRoute({ scope: "read", query: listImagesQuerySchema }, async ({ query }) =>
  respond(await listImages({ db: getDb(), storage: getStorage() }, query)),
);
