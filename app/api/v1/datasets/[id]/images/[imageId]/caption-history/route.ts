import { listCaptionHistory } from "@/lib/datasets/captions/list-caption-history";
import { respond } from "@/lib/http/responses/respond";
import { apiRoute } from "@/lib/http/wrappers/api-route";
import { datasetImageParams } from "@/lib/http/wrappers/path-params";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ scope: "read", params: datasetImageParams }, async ({ ctx, params }) =>
  respond(await listCaptionHistory(ctx.db, { datasetId: params.id, imageId: params.imageId })),
);
