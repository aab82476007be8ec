"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getConfig } from "@/lib/config";
import { action } from "@/lib/http/wrappers/server-action";
import { ingestImage } from "@/lib/images/ingest/ingest-image";
import { ingestMetadataSchema } from "@/lib/images/ingest/ingest-metadata";
import { completeUpload, createUpload, createUploadSchema } from "@/lib/images/uploads/direct-uploads";
import { MAX_ACTION_UPLOAD_BYTES } from "@/lib/images/uploads/upload-limits";
import { signUploadTicket, verifyUploadTicket } from "@/lib/images/uploads/upload-ticket";
import { err, ok } from "@/lib/result";
import { storableString } from "@/lib/zod/storable";

/** `runId`: the run the image is in now, for the "see this run in the gallery" link. */
type Stored = { id: string; duplicate: boolean; runId: string | null };

const batchShape = {
  run: storableString().trim().max(200).optional(),
  tags: storableString().max(2000).optional(),
};

/** The run and tags typed on the page, as the ingest metadata they become. */
function batchMetadata(input: { run?: string; tags?: string }) {
  const tags = (input.tags ?? "")
    .split(",")
    .map((tag) => tag.trim())
    .filter(Boolean);
  return ingestMetadataSchema.parse({
    ...(input.run ? { run: input.run } : {}),
    ...(tags.length ? { tags } : {}),
  });
}

const smallUploadSchema = z.object({
  file: z.instanceof(Blob, { message: "No file was sent" }),
  ...batchShape,
});

/**
 * Small files: the bytes travel in the action's body (a FormData) into the ingest pipeline. Next has parsed it
 * under serverActions.bodySizeLimit (next.config.ts), counting streamed bytes, so no body reaches here unbounded.
 */
export const uploadImageAction = action(
  { name: "uploadImage", access: "reviewer", input: smallUploadSchema },
  async ({ ctx, user, input: { file, ...batch } }) => {
    if (file.size > MAX_ACTION_UPLOAD_BYTES)
      return err("payload_too_large", "Large files go through the direct upload");
    const bytes = new Uint8Array(await file.arrayBuffer());
    const metadata = batchMetadata(batch);
    const outcome = await ingestImage(ctx, { bytes, metadata, source: "upload", addedBy: user.id });
    if (!outcome.ok) return outcome;
    revalidatePath("/");
    const { image, duplicate } = outcome.value;
    return ok<Stored>({ id: image.id, duplicate, runId: image.run?.id ?? null });
  },
);

const startSchema = z
  .object({ contentType: z.unknown(), byteSize: z.unknown() })
  .transform(({ contentType, byteSize }) => ({ content_type: contentType, byte_size: byteSize }))
  .pipe(createUploadSchema);

/** Large files, step 1: a presigned PUT straight to the bucket, and a ticket only this user can complete with. */
export const startDirectUploadAction = action(
  { name: "startDirectUpload", access: "reviewer", input: startSchema },
  async ({ ctx, user, input }) => {
    const upload = await createUpload(ctx, { apiKeyId: null }, input);
    if (!upload.ok) return upload;
    const ticket = signUploadTicket(getConfig().authSecret, upload.value.id, user.id);
    return ok({ uploadUrl: upload.value.upload_url, headers: upload.value.headers, ticket });
  },
);

/** Large files, step 2: the staged bytes go through the same ingest pipeline. */
export const completeDirectUploadAction = action(
  {
    name: "completeDirectUpload",
    access: "reviewer",
    input: z.object({ ticket: storableString().max(300), ...batchShape }),
  },
  async ({ ctx, user, input: { ticket, ...batch } }) => {
    const uploadId = verifyUploadTicket(getConfig().authSecret, ticket, user.id);
    if (!uploadId) return err("forbidden", "This upload ticket is not valid for you (or has expired)");
    const stored = await completeUpload(
      ctx,
      { apiKeyId: null, source: "upload", addedBy: user.id },
      uploadId,
      batchMetadata(batch),
    );
    if (!stored.ok) return stored;
    revalidatePath("/");
    const { id, duplicate, run } = stored.value;
    return ok<Stored>({ id, duplicate, runId: run?.id ?? null });
  },
);
