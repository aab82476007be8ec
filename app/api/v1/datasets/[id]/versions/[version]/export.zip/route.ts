import { z } from "zod";
import { exportVersionArchive } from "@/lib/datasets/export/export-version-archive";
import { getDb } from "@/lib/db";
import { apiRoute } from "@/lib/http/api-route";
import { redirectToSignedUrl } from "@/lib/http/redirect-response";
import { respond } from "@/lib/http/respond";
import { getStorage } from "@/lib/storage/storage";

export const dynamic = "force-dynamic";
const paramsSchema = z.object({
  id: z.uuid("id must be a UUID"),
  version: z.coerce.number().int("version must be a whole number").positive("version must be positive"),
});

/** The frozen version as a ZIP (images, captions, manifest.jsonl): built once in the bucket, then a 302 to it. */
export const GET = apiRoute<{ id: string; version: string }>({ scope: "read" }, async ({ params }) => {
  const { id, version } = paramsSchema.parse(params);
  const result = await exportVersionArchive({ db: getDb(), storage: getStorage() }, { dataset: id, version });
  if (!result.ok) return respond(result);
  return redirectToSignedUrl(result.value.url);
});
