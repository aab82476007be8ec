import { getConfig } from "@/lib/config";
import { exportHandoffArchive } from "@/lib/handoff/export-handoff-archive";
import { handoffQuerySchema } from "@/lib/handoff/handoff-selection";
import { archivePage } from "@/lib/http/responses/archive-response";
import { sessionRoute } from "@/lib/http/wrappers/session-route";

export const dynamic = "force-dynamic";
// On Vercel: the longest a function may run; a larger handoff is built over several requests (EXPORT_SLICE_SECONDS).
export const maxDuration = 300;

/** The gallery's handoff ZIP of its view (the filter in the query) or of its selection (`ids`). */
export const GET = sessionRoute(
  { role: "viewer", query: handoffQuerySchema },
  async ({ ctx, user, query }) => {
    const sliceMs = getConfig().exportSliceMs ?? undefined;
    return archivePage(await exportHandoffArchive(ctx, { selection: query, viewerId: user.id }, { sliceMs }));
  },
);
