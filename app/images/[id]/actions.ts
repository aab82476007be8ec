"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { requireActionUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { getImageWorkflow, type ImageWorkflow } from "@/lib/gallery/get-image-workflow";
import { type ActionResult, asFormData, runAction } from "@/lib/http/action-result";
import { purgeImage } from "@/lib/images/lifecycle/purge-image";
import { restoreImage } from "@/lib/images/lifecycle/restore-image";
import { softDeleteImage } from "@/lib/images/lifecycle/soft-delete-image";
import { ok } from "@/lib/result";
import { getStorage } from "@/lib/storage/storage";

/** The image's ComfyUI workflow JSON, for a download the browser saves (drop it back into ComfyUI). */
export async function downloadWorkflowAction(imageId: unknown): Promise<ActionResult<ImageWorkflow>> {
  return runAction("downloadWorkflow", async () => {
    const viewer = await requireActionUser("viewer");
    if (!viewer.ok) return viewer;
    return getImageWorkflow(getDb(), z.uuid("imageId must be an image id").parse(imageId));
  });
}

const lifecycleSchema = z.object({ imageId: z.uuid() });

/** Soft delete: hidden from the gallery, bytes kept, restorable. */
export async function deleteImageAction(
  _previous: ActionResult | null,
  form: FormData,
): Promise<ActionResult> {
  return runAction("deleteImage", async () => {
    const admin = await requireActionUser("admin");
    if (!admin.ok) return admin;
    const { imageId } = lifecycleSchema.parse(Object.fromEntries(asFormData(form)));
    const deleted = await softDeleteImage(getDb(), imageId);
    revalidatePath(`/images/${imageId}`);
    return deleted.ok ? ok(undefined) : deleted;
  });
}

export async function restoreImageAction(
  _previous: ActionResult | null,
  form: FormData,
): Promise<ActionResult> {
  return runAction("restoreImage", async () => {
    const admin = await requireActionUser("admin");
    if (!admin.ok) return admin;
    const { imageId } = lifecycleSchema.parse(Object.fromEntries(asFormData(form)));
    const restored = await restoreImage(getDb(), imageId);
    revalidatePath(`/images/${imageId}`);
    return restored.ok ? ok(undefined) : restored;
  });
}

/** Removes the bytes, then the rows, for good; refused for approved or dataset images. Audited. */
export async function purgeImageAction(
  _previous: ActionResult | null,
  form: FormData,
): Promise<ActionResult> {
  const result = await runAction("purgeImage", async () => {
    const admin = await requireActionUser("admin");
    if (!admin.ok) return admin;
    const { imageId } = lifecycleSchema.parse(Object.fromEntries(asFormData(form)));
    const purged = await purgeImage({ db: getDb(), storage: getStorage() }, imageId, {
      userId: admin.value.id,
    });
    return purged.ok ? ok(undefined) : purged;
  });
  if (result.ok) redirect("/?notice=purged");
  return result;
}
