"use server";

import { revalidatePath } from "next/cache";
import { stateAction } from "@/lib/http/wrappers/server-action";
import { cleanupImages } from "@/lib/images/lifecycle/cleanup-images";
import { cleanupPolicySchema } from "@/lib/images/lifecycle/cleanup-policy";
import { ok } from "@/lib/result";

/**
 * Acts on the policy the page planned (the same as `npm run cli -- cleanup`): every image is re-checked where it
 * is purged, so one approved or added to a dataset since the plan was shown stays.
 */
export const runCleanupAction = stateAction(
  { name: "runCleanup", access: "admin", input: cleanupPolicySchema, dropEmpty: true },
  async ({ ctx, input }) => {
    const report = await cleanupImages(ctx, { policy: input });
    revalidatePath("/admin/cleanup");
    return ok({ purged: report.purged, kept: report.failed.length });
  },
);
