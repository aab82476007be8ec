"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireActionUser } from "@/lib/auth/session";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import { type ActionResult, asFormData, runAction } from "@/lib/http/action-result";
import { completeUpload, createUpload, createUploadSchema } from "@/lib/images/direct-uploads";
import { ingestImage } from "@/lib/images/ingest-image";
import { ingestMetadataSchema } from "@/lib/images/ingest-metadata";
import { MAX_ACTION_UPLOAD_BYTES } from "@/lib/images/upload-limits";
import { signUploadTicket, verifyUploadTicket } from "@/lib/images/upload-ticket";
import { err, ok } from "@/lib/result";
import { getStorage } from "@/lib/storage/storage";
import { storableString } from "@/lib/zod/storable";

/** `runId`: the run the image is in now, for the "see this run in the gallery" link. */
type Stored = { id: string; duplicate: boolean; runId: string | null };

const batchSchema = z.object({
  run: storableString().trim().max(200).optional(),
  tags: storableString().max(2000).optional(),
});

/** The run and tags typed on the page, as the ingest metadata they become. */
function batchMetadata(input: z.output<typeof batchSchema>) {
  const tags = (input.tags ?? "")
    .split(",")
    .map((tag) => tag.trim())
    .filter(Boolean);
  return ingestMetadataSchema.parse({
    ...(input.run ? { run: input.run } : {}),
    ...(tags.length ? { tags } : {}),
  });
}

const deps = () => ({ db: getDb(), storage: getStorage(), limits: getConfig().limits });

/**
 * Small files: the bytes travel in the action's body into the ingest pipeline. Next has parsed `form` under
 * serverActions.bodySizeLimit (next.config.ts), counting streamed bytes, so no body reaches here unbounded.
 */
export async function uploadImageAction(form: FormData): Promise<ActionResult<Stored>> {
  return runAction("uploadImage", async () => {
    const user = await requireActionUser("reviewer");
    if (!user.ok) return user;
    const fields = asFormData(form);
    const file = fields.get("file");
    if (!(file instanceof Blob)) return err("invalid_request", "No file was sent");
    if (file.size > MAX_ACTION_UPLOAD_BYTES)
      return err("payload_too_large", "Large files go through the direct upload");
    const metadata = batchMetadata(
      batchSchema.parse({ run: fields.get("run") ?? undefined, tags: fields.get("tags") ?? undefined }),
    );
    const bytes = new Uint8Array(await file.arrayBuffer());
    const outcome = await ingestImage(deps(), { bytes, metadata, source: "upload", addedBy: user.value.id });
    if (!outcome.ok) return outcome;
    revalidatePath("/");
    const { image, duplicate } = outcome.value;
    return ok({ id: image.id, duplicate, runId: image.run?.id ?? null });
  });
}

/** Large files, step 1: a presigned PUT straight to the bucket, and a ticket only this user can complete with. */
export async function startDirectUploadAction(input: {
  contentType: string;
  byteSize: number;
}): Promise<ActionResult<{ uploadUrl: string; headers: Record<string, string>; ticket: string }>> {
  return runAction("startDirectUpload", async () => {
    const user = await requireActionUser("reviewer");
    if (!user.ok) return user;
    const parsed = createUploadSchema.parse({ content_type: input?.contentType, byte_size: input?.byteSize });
    const upload = await createUpload(deps(), { apiKeyId: null }, parsed);
    if (!upload.ok) return upload;
    const ticket = signUploadTicket(getConfig().authSecret, upload.value.id, user.value.id);
    return ok({ uploadUrl: upload.value.upload_url, headers: upload.value.headers, ticket });
  });
}

/** Large files, step 2: the staged bytes go through the same ingest pipeline. */
export async function completeDirectUploadAction(input: {
  ticket: string;
  run?: string;
  tags?: string;
}): Promise<ActionResult<Stored>> {
  return runAction("completeDirectUpload", async () => {
    const user = await requireActionUser("reviewer");
    if (!user.ok) return user;
    const { ticket, ...batch } = z
      .object({ ticket: storableString().max(300) })
      .extend(batchSchema.shape)
      .parse(input);
    const uploadId = verifyUploadTicket(getConfig().authSecret, ticket, user.value.id);
    if (!uploadId) return err("forbidden", "This upload ticket is not valid for you (or has expired)");
    const stored = await completeUpload(
      deps(),
      { apiKeyId: null, source: "upload", addedBy: user.value.id },
      uploadId,
      batchMetadata(batch),
    );
    if (!stored.ok) return stored;
    revalidatePath("/");
    return ok({
      id: stored.value.id,
      duplicate: stored.value.duplicate,
      runId: stored.value.run?.id ?? null,
    });
  });
}
