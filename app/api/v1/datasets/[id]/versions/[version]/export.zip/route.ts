import { exportVersionArchive } from "@/lib/datasets/export/export-version-archive";
import { getDb } from "@/lib/db";
import { apiRoute } from "@/lib/http/api-route";
import { datasetVersionParams } from "@/lib/http/path-params";
import { redirectToSignedUrl } from "@/lib/http/redirect-response";
import { respond } from "@/lib/http/respond";
import { getStorage } from "@/lib/storage/storage";

export const dynamic = "force-dynamic";

/** The frozen version as a ZIP (images, captions, manifest.jsonl): built once in the bucket, then a 302 to it. */
export const GET = apiRoute({ scope: "read", params: datasetVersionParams }, async ({ params }) => {
  const target = { dataset: params.id, version: params.version };
  const result = await exportVersionArchive({ db: getDb(), storage: getStorage() }, target);
  return result.ok ? redirectToSignedUrl(result.value.url) : respond(result);
});
