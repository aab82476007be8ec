import { exportVersionArchive } from "@/lib/datasets/export/export-version-archive";
import { getDb } from "@/lib/db";
import { datasetVersionParams } from "@/lib/http/path-params";
import { redirectToSignedUrl } from "@/lib/http/redirect-response";
import { respond } from "@/lib/http/respond";
import { sessionRoute } from "@/lib/http/session-route";
import { getStorage } from "@/lib/storage/storage";

export const dynamic = "force-dynamic";

/** The browser's ZIP download of a frozen version: built once in the bucket, then a redirect to a signed URL. */
export const GET = sessionRoute({ role: "viewer", params: datasetVersionParams }, async ({ params }) => {
  const target = { dataset: params.id, version: params.version };
  const result = await exportVersionArchive({ db: getDb(), storage: getStorage() }, target);
  return result.ok ? redirectToSignedUrl(result.value.url) : respond(result);
});
