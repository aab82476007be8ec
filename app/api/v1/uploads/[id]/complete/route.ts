import { NextResponse } from "next/server";
import { z } from "zod";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import { apiRoute } from "@/lib/http/api-route";
import { errorResponse } from "@/lib/http/respond";
import { completeUpload } from "@/lib/images/direct-uploads";
import { ingestMetadataSchema } from "@/lib/images/ingest-metadata";
import { getStorage } from "@/lib/storage/storage";

export const dynamic = "force-dynamic";
const paramsSchema = z.object({ id: z.uuid("id must be an upload id") });
const bodySchema = z.object({ metadata: ingestMetadataSchema.default({}) }).strict();

export const POST = apiRoute<{ id: string }>({ scope: "ingest" }, async ({ req, principal, params }) => {
  const { id } = paramsSchema.parse(params);
  const { metadata } = bodySchema.parse((await req.json().catch(() => ({}))) ?? {});
  const deps = { db: getDb(), storage: getStorage(), limits: getConfig().limits };
  const result = await completeUpload(deps, { apiKeyId: principal.id }, id, metadata);
  if (!result.ok) return errorResponse(result.error);
  return NextResponse.json(result.value, { status: result.value.duplicate ? 200 : 201 });
});
