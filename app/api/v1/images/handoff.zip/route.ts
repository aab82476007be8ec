import { getConfig } from "@/lib/config";
import { exportHandoffArchive } from "@/lib/handoff/export-handoff-archive";
import { handoffQuerySchema } from "@/lib/handoff/handoff-selection";
import { archiveAnswer } from "@/lib/http/responses/archive-response";
import { apiRoute } from "@/lib/http/wrappers/api-route";

export const dynamic = "force-dynamic";
// On Vercel: the longest a function may run; a larger handoff is built over several requests (EXPORT_SLICE_SECONDS).
export const maxDuration = 300;

/**
 * A handoff of the images a filter (the query's image-filter fields) or `ids` selects: originals under
 * generations/…, a JSON sidecar each and manifest.jsonl, as a ZIP built in the bucket; 302 to it once built,
 * 202 with the build's progress until then (ask again after Retry-After; each request continues the build).
 */
export const GET = apiRoute({ scope: "read", query: handoffQuerySchema }, async ({ ctx, query }) => {
  const sliceMs = getConfig().exportSliceMs ?? undefined;
  return archiveAnswer(await exportHandoffArchive(ctx, { selection: query, viewerId: null }, { sliceMs }));
});
