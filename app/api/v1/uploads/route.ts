import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import { apiRoute } from "@/lib/http/api-route";
import { respond } from "@/lib/http/respond";
import { createUpload, createUploadSchema } from "@/lib/images/direct-uploads";
import { getStorage } from "@/lib/storage/storage";

export const dynamic = "force-dynamic";

export const POST = apiRoute({ scope: "ingest" }, async ({ req, principal }) => {
  const input = createUploadSchema.parse(await req.json().catch(() => null));
  const deps = { db: getDb(), storage: getStorage(), limits: getConfig().limits };
  return respond(await createUpload(deps, { apiKeyId: principal.id }, input), { status: 201 });
});
