import { getConfig } from "@/lib/config";
import { exportVersionArchive } from "@/lib/datasets/export/export-version-archive";
import { archiveAnswer } from "@/lib/http/responses/archive-response";
import { apiRoute } from "@/lib/http/wrappers/api-route";
import { datasetVersionParams } from "@/lib/http/wrappers/path-params";

export const dynamic = "force-dynamic";
// On Vercel: the longest a function may run; a larger export is built over several requests (EXPORT_SLICE_SECONDS).
export const maxDuration = 300;

/**
 * The frozen version as a ZIP (images, captions, manifest.jsonl), built in the bucket: a 302 to it once built,
 * 202 with the build's progress until then (ask again after Retry-After; each request continues the build).
 */
export const GET = apiRoute({ scope: "read", params: datasetVersionParams }, async ({ ctx, params }) => {
  const target = { dataset: params.id, version: params.version };
  const sliceMs = getConfig().exportSliceMs ?? undefined;
  return archiveAnswer(await exportVersionArchive(ctx, target, { sliceMs }));
});
