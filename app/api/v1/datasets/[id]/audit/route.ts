import { auditDataset } from "@/lib/datasets/audit/audit-dataset";
import { getDb } from "@/lib/db";
import { apiRoute } from "@/lib/http/api-route";
import { idParams } from "@/lib/http/path-params";
import { respond } from "@/lib/http/respond";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ scope: "read", params: idParams }, async ({ params }) =>
  respond(await auditDataset(getDb(), params.id)),
);
