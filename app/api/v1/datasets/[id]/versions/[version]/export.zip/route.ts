import { z } from "zod";
import { exportVersionZip } from "@/lib/datasets/export/export-version-zip";
import { zipDownloadResponse } from "@/lib/datasets/export/zip-response";
import { getDb } from "@/lib/db";
import { apiRoute } from "@/lib/http/api-route";
import { respond } from "@/lib/http/respond";
import { getStorage } from "@/lib/storage/storage";

export const dynamic = "force-dynamic";
const paramsSchema = z.object({
  id: z.uuid("id must be a UUID"),
  version: z.coerce.number().int("version must be a whole number").positive("version must be positive"),
});

/** The frozen version as a ZIP, streamed from the bucket as it is sent (images, captions, manifest.jsonl). */
export const GET = apiRoute<{ id: string; version: string }>({ scope: "read" }, async ({ params }) => {
  const { id, version } = paramsSchema.parse(params);
  const result = await exportVersionZip({ db: getDb(), storage: getStorage() }, { dataset: id, version });
  if (!result.ok) return respond(result);
  return zipDownloadResponse(result.value);
});
