import { z } from "zod";
import { exportVersionArchive } from "@/lib/datasets/export/export-version-archive";
import { getDb } from "@/lib/db";
import { redirectToSignedUrl } from "@/lib/http/redirect-response";
import { respond } from "@/lib/http/respond";
import { sessionRoute } from "@/lib/http/session-route";
import { getStorage } from "@/lib/storage/storage";

export const dynamic = "force-dynamic";
const paramsSchema = z.object({ id: z.uuid(), version: z.coerce.number().int().positive() });

/** The browser's ZIP download of a frozen version: built once in the bucket, then a redirect to a signed URL. */
export const GET = sessionRoute<{ id: string; version: string }>({ role: "viewer" }, async ({ params }) => {
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success)
    return respond({ ok: false, error: { code: "not_found", message: "No such dataset version" } });
  const result = await exportVersionArchive(
    { db: getDb(), storage: getStorage() },
    { dataset: parsed.data.id, version: parsed.data.version },
  );
  if (!result.ok) return respond(result);
  return redirectToSignedUrl(result.value.url);
});
