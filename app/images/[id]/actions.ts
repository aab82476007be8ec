"use server";

import { z } from "zod";
import { requireActionUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { getImageWorkflow, type ImageWorkflow } from "@/lib/gallery/get-image-workflow";
import { type ActionResult, runAction } from "@/lib/http/action-result";

/** The image's ComfyUI workflow JSON, for a download the browser saves (drop it back into ComfyUI). */
export async function downloadWorkflowAction(imageId: unknown): Promise<ActionResult<ImageWorkflow>> {
  return runAction("downloadWorkflow", async () => {
    const viewer = await requireActionUser("viewer");
    if (!viewer.ok) return viewer;
    return getImageWorkflow(getDb(), z.uuid("imageId must be an image id").parse(imageId));
  });
}
