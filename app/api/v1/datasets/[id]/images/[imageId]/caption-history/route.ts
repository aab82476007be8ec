import { listCaptionHistory } from "@/lib/datasets/captions/list-caption-history";
import { apiRoute } from "@/lib/http/api-route";
import { datasetImageParams } from "@/lib/http/path-params";
import { respond } from "@/lib/http/respond";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ scope: "read", params: datasetImageParams }, async ({ ctx, params }) =>
  respond(await listCaptionHistory(ctx.db, { datasetId: params.id, imageId: params.imageId })),
);
