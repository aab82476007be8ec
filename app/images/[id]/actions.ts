"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getImageWorkflow } from "@/lib/gallery/get-image-workflow";
import { action, stateAction } from "@/lib/http/wrappers/server-action";
import { purgeImage } from "@/lib/images/lifecycle/purge-image";
import { restoreImage } from "@/lib/images/lifecycle/restore-image";
import { softDeleteImage } from "@/lib/images/lifecycle/soft-delete-image";
import { ok } from "@/lib/result";

/** The image's ComfyUI workflow JSON, for a download the browser saves (drop it back into ComfyUI). */
export const downloadWorkflowAction = action(
  { name: "downloadWorkflow", access: "viewer", input: z.uuid("imageId must be an image id") },
  async ({ ctx, input }) => getImageWorkflow(ctx.db, input),
);

const lifecycleSchema = z.object({ imageId: z.uuid() });

/** Soft delete: hidden from the gallery, bytes kept, restorable. */
export const deleteImageAction = stateAction(
  { name: "deleteImage", access: "admin", input: lifecycleSchema },
  async ({ ctx, input }) => {
    const deleted = await softDeleteImage(ctx.db, input.imageId);
    revalidatePath(`/images/${input.imageId}`);
    return deleted.ok ? ok(undefined) : deleted;
  },
);

export const restoreImageAction = stateAction(
  { name: "restoreImage", access: "admin", input: lifecycleSchema },
  async ({ ctx, input }) => {
    const restored = await restoreImage(ctx.db, input.imageId);
    revalidatePath(`/images/${input.imageId}`);
    return restored.ok ? ok(undefined) : restored;
  },
);

/** Removes the bytes, then the rows, for good; refused for approved or dataset images. Audited. */
export const purgeImageAction = stateAction(
  { name: "purgeImage", access: "admin", input: lifecycleSchema },
  async ({ ctx, user, input }) => {
    const purged = await purgeImage(ctx, input.imageId, {
      userId: user.id,
    });
    if (purged.ok) redirect("/?notice=purged");
    return purged;
  },
);
