import { listCaptionHistory } from "@/lib/datasets/captions/list-caption-history";
import { getDb } from "@/lib/db";
import { apiRoute } from "@/lib/http/api-route";
import { datasetImageParams } from "@/lib/http/path-params";
import { respond } from "@/lib/http/respond";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ scope: "read", params: datasetImageParams }, async ({ params }) =>
  respond(await listCaptionHistory(getDb(), { datasetId: params.id, imageId: params.imageId })),
);
