import { ingestBody } from "@/lib/http/ingest/ingest-body";
import { postImage, renderImageAnswer } from "@/lib/http/ingest/post-image";
import { respond } from "@/lib/http/responses/respond";
import { apiRoute } from "@/lib/http/wrappers/api-route";
import { listImages, listImagesQuerySchema } from "@/lib/images/lists/list-images";

export const dynamic = "force-dynamic";

export const POST = apiRoute(
  { scope: "ingest", body: ingestBody, idempotent: { render: renderImageAnswer } },
  async ({ ctx, body }) => postImage(ctx, body),
);

export const GET = apiRoute({ scope: "read", query: listImagesQuerySchema }, async ({ ctx, query }) =>
  respond(await listImages(ctx, query)),
);
