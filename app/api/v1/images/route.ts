import { apiRoute } from "@/lib/http/api-route";
import { ingestBody } from "@/lib/http/ingest-body";
import { postImage, renderImageAnswer } from "@/lib/http/post-image";
import { respond } from "@/lib/http/respond";
import { listImages, listImagesQuerySchema } from "@/lib/images/list-images";

export const dynamic = "force-dynamic";

export const POST = apiRoute(
  { scope: "ingest", body: ingestBody, idempotent: { render: renderImageAnswer } },
  async ({ ctx, body }) => postImage(ctx, body),
);

export const GET = apiRoute({ scope: "read", query: listImagesQuerySchema }, async ({ ctx, query }) =>
  respond(await listImages(ctx, query)),
);
