import { getConfig } from "@/lib/config";
import { exportVersionArchive } from "@/lib/datasets/export/export-version-archive";
import { archivePage } from "@/lib/http/responses/archive-response";
import { datasetVersionParams } from "@/lib/http/wrappers/path-params";
import { sessionRoute } from "@/lib/http/wrappers/session-route";

export const dynamic = "force-dynamic";
// On Vercel: the longest a function may run; a larger export is built over several requests (EXPORT_SLICE_SECONDS).
export const maxDuration = 300;

/** The browser's ZIP download of a frozen version: a redirect to it once built, a self-refreshing page until then. */
export const GET = sessionRoute({ role: "viewer", params: datasetVersionParams }, async ({ ctx, params }) => {
  const target = { dataset: params.id, version: params.version };
  const sliceMs = getConfig().exportSliceMs ?? undefined;
  return archivePage(await exportVersionArchive(ctx, target, { sliceMs }));
});
